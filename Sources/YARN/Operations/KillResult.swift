/// How a kill ended.
public struct KillResult: Sendable, Equatable {
    /// The application.
    public var applicationId: String
    /// The terminal state reached (usually KILLED; FINISHED when the AM unregistered first).
    public var state: YARNAppState
    /// `true` when the app had already stopped and nothing was sent.
    public var alreadyStopped: Bool
    /// `/state` polls made after a 202.
    public var polls: Int
    /// The application as seen after the kill (final status, diagnostics), when it could be read.
    public var app: YARNApp?
}
