import SparkDeployCore

/// A waiter that ended without success.
public struct WaiterError: Error, Sendable, CustomStringConvertible {
    /// Why it ended.
    public enum Reason: String, Sendable {
        /// A failure state was reached.
        case failureState
        /// The deadline passed.
        case deadlineExceeded
    }

    /// The waiter (`stepComplete`).
    public var waiter: String
    /// What was waited on (`j-…/s-…`).
    public var resource: String
    /// Why it ended.
    public var reason: Reason
    /// The last state seen (nil when no poll succeeded).
    public var lastState: String?
    /// Polls made.
    public var polls: Int
    /// Seconds waited.
    public var elapsed: Double
    /// The reason EMR gave for the last state change, when known.
    public var detail: String?

    /// Creates the error from what the wait saw.
    public init(waiter: String, resource: String, reason: Reason, progress: WaitProgress, detail: String?) {
        self.waiter = waiter
        self.resource = resource
        self.reason = reason
        self.lastState = progress.lastState
        self.polls = progress.polls
        self.elapsed = progress.elapsed
        self.detail = detail
    }

    /// `waiter stepComplete on j-1/s-2: reached FAILED after 4 polls (31 s): …`.
    public var description: String {
        let what =
            reason == .failureState
            ? "reached \(lastState ?? "?")"
            : "deadline exceeded, last state \(lastState ?? "never seen")"
        return "waiter \(waiter) on \(resource): \(what) after \(polls) polls (\(Int(elapsed)) s)"
            + (detail.map { ": \($0)" } ?? "")
    }
}
