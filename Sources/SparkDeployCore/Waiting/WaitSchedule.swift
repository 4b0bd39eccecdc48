/// The bookkeeping every waiter shares: a deadline on the run clock, an ``AdaptivePoll`` schedule,
/// the polls made and the last state seen. A plain value, tested without a network.
public struct WaitSchedule: Sendable, Equatable {
    /// When waiting started (clock seconds).
    public let start: Double
    /// When waiting must end (clock seconds).
    public let deadline: Double
    /// The polling schedule.
    public let poll: AdaptivePoll
    /// Polls that observed a state.
    public private(set) var polls = 0
    /// Polls answered with a transient error (throttling): not counted in ``polls``, but they
    /// advance the schedule like any other poll, so a throttled waiter backs off.
    public private(set) var retries = 0
    /// The last state observed, for the time-out error (`nil`: none seen yet).
    public private(set) var lastState: String?

    /// Creates a schedule of at most `timeout` seconds from `start`.
    public init(start: Double, timeout: Double, poll: AdaptivePoll = AdaptivePoll()) {
        self.start = start
        self.deadline = start + max(0, timeout)
        self.poll = poll
    }

    /// The seconds allowed (deadline − start).
    public var timeout: Double { deadline - start }

    /// Records a poll that saw `state` (`nil`: it saw nothing worth reporting) and returns the
    /// delay before the next one, or `nil` when the deadline has passed. The last delay is
    /// shortened so that one final poll happens right at the deadline.
    public mutating func recordPoll(state: String? = nil, now: Double) -> Double? {
        polls += 1
        if let state { lastState = state }
        return nextDelay(now: now)
    }

    /// Records a poll answered with a transient error at `now`; returns the delay before the next
    /// one, or `nil` when the deadline has passed. The last state seen is kept.
    public mutating func recordRetry(now: Double) -> Double? {
        retries += 1
        return nextDelay(now: now)
    }

    /// Counts a poll that ended the wait (success or failure) and remembers its state.
    public mutating func recordFinalPoll(state: String?) {
        polls += 1
        if let state { lastState = state }
    }

    /// What the wait has seen so far, at `now`.
    public func progress(now: Double) -> WaitProgress {
        WaitProgress(
            start: start, deadline: deadline, polls: polls, retries: retries, lastState: lastState,
            elapsed: max(0, now - start))
    }

    private func nextDelay(now: Double) -> Double? {
        Self.delay(afterPolls: polls + retries, now: now, deadline: deadline, poll: poll)
    }

    /// The delay after `made` polls (≥ 1) at `now`, or `nil` when `deadline` has passed: the
    /// schedule's interval before the next poll, capped by the time left.
    public static func delay(afterPolls made: Int, now: Double, deadline: Double, poll: AdaptivePoll) -> Double? {
        let remaining = deadline - now
        guard remaining > 0 else { return nil }
        return max(poll.interval(beforePoll: made > 0 ? made - 1 : 0, remaining: remaining), 0.001)
    }
}
