/// What a wait has seen when it ends or reports: polls, transient retries, the last state and
/// the time spent. Errors built from it tell the user how far the wait got.
public struct WaitProgress: Sendable, Equatable {
    /// When waiting started (clock seconds).
    public var start: Double
    /// When waiting had to end (clock seconds).
    public var deadline: Double
    /// Polls that observed a state.
    public var polls: Int
    /// Polls answered with a transient error.
    public var retries: Int
    /// The last state seen (`nil`: none).
    public var lastState: String?
    /// Seconds waited so far.
    public var elapsed: Double

    /// Creates a progress report.
    public init(start: Double, deadline: Double, polls: Int, retries: Int, lastState: String?, elapsed: Double) {
        self.start = start
        self.deadline = deadline
        self.polls = polls
        self.retries = retries
        self.lastState = lastState
        self.elapsed = elapsed
    }

    /// The seconds allowed (deadline − start).
    public var timeout: Double { deadline - start }

    /// The time allowed as people write it: `30` or `2.5`.
    public var timeoutText: String {
        let seconds = timeout
        return seconds == seconds.rounded() && abs(seconds) < 1e15 ? String(Int(seconds)) : String(seconds)
    }
}
