import SparkDeployCore

/// Watches an application that must stay in `state` for `seconds`: fails the moment it is seen
/// elsewhere (with its diagnostics), succeeds once an observation at or after the end still shows it.
public struct HoldMachine: Sendable {
    /// The application watched.
    public let applicationId: String
    /// The state it must hold.
    public let state: YARNAppState
    /// When holding started (clock seconds).
    public let start: Double
    /// How long it must hold.
    public let seconds: Double

    /// Creates the machine.
    public init(applicationId: String, state: YARNAppState, start: Double, seconds: Double) {
        self.applicationId = applicationId
        self.state = state
        self.start = start
        self.seconds = max(0, seconds)
    }

    /// The time the hold is complete.
    public var end: Double { start + seconds }

    /// Decides on one observation made at `now`.
    public func observe(_ app: YARNApp, now: Double) -> WaitStep<YARNApp, YARNError> {
        guard app.state == state else {
            let held = max(0, now - start)
            var message = "\(app.id) left \(state) after ~\(Int(held)) s of the required \(Int(seconds)) s: now \(app.state)"
            if let status = app.finalStatus, status != .undefined { message += " (finalStatus \(status))" }
            if let diagnostics = app.diagnostics, !diagnostics.isEmpty { message += "; diagnostics: \(diagnostics)" }
            return .failed(
                YARNError(
                    .leftState, operation: "hold", message: message, applicationId: app.id,
                    lastState: app.state.rawValue), state: app.state.rawValue)
        }
        return now >= end ? .done(app) : .pending(state: app.state.rawValue)
    }
}
