/// Which observed states end a wait, and how: a state in ``success`` ends it successfully, one
/// in ``failure`` ends it at once (waiting longer cannot help); any other state keeps it polling.
public struct StateMatcher: Sendable, Equatable {
    /// What one state means.
    public enum Match: Sendable, Equatable {
        /// The awaited state.
        case success
        /// A state from which the awaited one cannot be reached.
        case failure
        /// Keep polling.
        case pending
    }

    /// States that mean success.
    public var success: Set<String>
    /// States that mean failure.
    public var failure: Set<String>

    /// Creates a matcher; a state listed in both counts as success.
    public init(success: Set<String>, failure: Set<String>) {
        self.success = success
        self.failure = failure.subtracting(success)
    }

    /// Succeeds on `targets`, fails on any of `terminal` not among them.
    public init(awaiting targets: Set<String>, terminal: some Sequence<String>) {
        self.init(success: targets, failure: Set(terminal))
    }

    /// What `state` means.
    public func match(_ state: String) -> Match {
        if success.contains(state) { return .success }
        if failure.contains(state) { return .failure }
        return .pending
    }
}
