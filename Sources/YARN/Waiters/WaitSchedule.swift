import SparkDeployCore

/// The bookkeeping every waiter shares: a deadline, an ``AdaptivePoll`` schedule, the number of
/// polls made and the last state seen. A plain value, tested without a network.
public struct WaitSchedule: Sendable, Equatable {
    /// When waiting started (clock seconds).
    public let start: Double
    /// When waiting must end (clock seconds).
    public let deadline: Double
    /// The polling schedule.
    public let poll: AdaptivePoll
    /// Polls made so far.
    public private(set) var polls = 0
    /// The last state observed, for the time-out error.
    public var lastState: String?

    /// Creates a schedule of at most `timeout` seconds from `start`.
    public init(start: Double, timeout: Double, poll: AdaptivePoll = AdaptivePoll()) {
        self.start = start
        self.deadline = start + max(0, timeout)
        self.poll = poll
    }

    /// Records one poll and returns the delay before the next, or `nil` when the deadline has passed.
    /// The last delay is shortened so that one final poll happens right at the deadline.
    public mutating func recordPoll(now: Double) -> Double? {
        polls += 1
        let remaining = deadline - now
        guard remaining > 0 else { return nil }
        return poll.interval(beforePoll: polls - 1, remaining: remaining)
    }

    /// The time-out error: what was awaited, the last state seen and the poll count.
    public func timeoutError(operation: String, awaiting: String, applicationId: String?) -> YARNError {
        let waited = deadline - start
        let seconds = waited == waited.rounded() ? String(Int(waited)) : String(waited)
        return YARNError(.timeout, operation: operation,
                         message: "gave up after \(seconds) s waiting for \(awaiting); last state seen: \(lastState ?? "none (no matching application)")",
                         applicationId: applicationId, lastState: lastState ?? "none", polls: polls)
    }
}

/// What a waiter decides after one observation.
public enum WaitStep<Success: Sendable>: Sendable {
    /// The wait is over.
    case done(Success)
    /// Poll again (if the deadline allows); `state` is what was seen.
    case pending(state: String)
    /// The wait cannot succeed.
    case failed(YARNError)
}
