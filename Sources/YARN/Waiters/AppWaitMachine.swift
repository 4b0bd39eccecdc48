import SparkDeployCore

/// Waits for an application (by id, or the single one matching a filter) to reach one of
/// `states`; fails at once when it reaches a different terminal state, or when several
/// applications match. A plain value: feed it observations, it decides.
public struct AppWaitMachine: Sendable {
    /// The states that end the wait successfully.
    public let states: Set<YARNAppState>
    /// Only applications started at or after this time (epoch seconds) count (`nil`: any).
    public let submittedAfter: Double?
    /// What is awaited, for messages (`"application_…"` or `"name 'x'"`).
    public let subject: String

    /// Creates the machine.
    public init(states: Set<YARNAppState>, submittedAfter: Double?, subject: String) {
        self.states = states
        self.submittedAfter = submittedAfter
        self.subject = subject
    }

    /// Whether `app` started late enough to count. Apps without a start time (no VIEW_APP access)
    /// are kept: the RM withholds it, it does not mean "old".
    public func isRecentEnough(_ app: YARNApp) -> Bool {
        // The RM reports whole milliseconds and EMR fractional seconds: compare at the RM's
        // resolution, or an app started in the same millisecond as its step would be dropped.
        guard let after = submittedAfter, let started = app.startedTimeMillis, started > 0 else { return true }
        return started >= Int64((after * 1000).rounded(.down))
    }

    /// Decides on the candidates seen by one poll (already filtered by name/tags/…).
    public func observe(_ candidates: [YARNApp]) -> WaitStep<YARNApp, YARNError> {
        let recent = candidates.filter(isRecentEnough)
        if recent.count > 1 {
            let listed = recent.sorted { $0.id < $1.id }.map { "\($0.id) (\($0.state))" }.joined(separator: ", ")
            return .failed(
                YARNError(
                    .ambiguous, operation: "wait_app",
                    message: "\(recent.count) applications match \(subject): \(listed)"), state: nil)
        }
        guard let app = recent.first else { return .pending(state: "none (no matching application)") }
        if states.contains(app.state) { return .done(app) }
        if app.state.isTerminal {
            var message = "\(app.id) ended \(app.state)"
            if let status = app.finalStatus { message += " (finalStatus \(status))" }
            message += " while waiting for \(states.map(\.rawValue).sorted().joined(separator: "|"))"
            if let diagnostics = app.diagnostics, !diagnostics.isEmpty { message += "; diagnostics: \(diagnostics)" }
            return .failed(
                YARNError(
                    .unexpectedState, operation: "wait_app", message: message,
                    applicationId: app.id, lastState: app.state.rawValue), state: "\(app.id) \(app.state)")
        }
        return .pending(state: "\(app.id) \(app.state)")
    }
}
