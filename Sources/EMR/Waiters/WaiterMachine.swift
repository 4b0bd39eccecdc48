import SparkDeployCore

/// A waiter as a plain value: feed it each observed state (or a throttled poll) and it says what to do
/// next — succeed, fail, poll again after a delay, or give up at the deadline — remembering the last state seen.
/// No I/O, so it is tested without a network.
public struct WaiterMachine: Sendable, Equatable {
    /// What to do after an observation.
    public enum Decision: Sendable, Equatable {
        /// A success state was reached.
        case success(String)
        /// A failure state was reached.
        case failure(String)
        /// Poll again after this many seconds.
        case wait(Double)
        /// The deadline passed; the last state seen (if any).
        case timedOut(String?)
    }

    /// Which states end the wait.
    public let definition: WaiterDefinition
    /// The polling schedule.
    public let poll: AdaptivePoll
    /// The deadline, in clock seconds (epoch).
    public let deadline: Double
    /// Polls that returned a state.
    public private(set) var polls = 0
    /// Polls the service throttled (they do not advance the schedule).
    public private(set) var throttledPolls = 0
    /// The last state seen.
    public private(set) var lastState: String?

    /// Starts a wait that must end by `deadline`.
    public init(definition: WaiterDefinition, poll: AdaptivePoll, deadline: Double) {
        self.definition = definition
        self.poll = poll
        self.deadline = deadline
    }

    /// Records a state observed at `now`.
    public mutating func observe(state: String, now: Double) -> Decision {
        lastState = state
        polls += 1
        if definition.success.contains(state) { return .success(state) }
        if definition.failure.contains(state) { return .failure(state) }
        return next(now: now)
    }

    /// Records a throttled poll at `now`: it does not count as an attempt, the schedule does not advance.
    public mutating func observeThrottled(now: Double) -> Decision {
        throttledPolls += 1
        return next(now: now)
    }

    private func next(now: Double) -> Decision {
        let remaining = deadline - now
        guard remaining > 0 else { return .timedOut(lastState) }
        // The first poll was immediate; the wait before the next one is the schedule's first interval.
        // Throttled polls back off like regular polls.
        let delay = poll.interval(beforePoll: max(0, polls + throttledPolls - 1), remaining: remaining)
        return .wait(max(delay, 0.001))
    }
}
