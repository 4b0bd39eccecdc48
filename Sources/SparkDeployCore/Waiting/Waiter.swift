/// The one polling engine: probes on an ``AdaptivePoll`` schedule until a matcher says done or
/// failed, the deadline on the run clock passes, or the task (or `token`) is cancelled.
///
/// The probe does the I/O and applies its matcher; the engine owns the schedule, the deadline,
/// the poll count and the last state, and hands them to `end` to build the error the caller
/// throws — so every time-out names the last state seen. EMR's waiters, YARN's wait, hold and
/// kill, and the recipe runtime's `emr.wait_*` all run on it; Lua's `wait_until` uses its schedule.
public struct Waiter: Sendable {
    /// The clock the deadline and the sleeps are measured on.
    public let clock: any DeployClock
    /// The polling schedule.
    public let poll: AdaptivePoll
    /// Seconds of `clock` time before giving up.
    public let timeout: Double
    /// Stops the wait between polls when cancelled (besides task cancellation).
    public let token: CancellationToken?

    /// Creates a waiter of at most `timeout` seconds of `clock` time.
    public init(clock: any DeployClock, poll: AdaptivePoll, timeout: Double, token: CancellationToken? = nil) {
        self.clock = clock
        self.poll = poll
        self.timeout = timeout
        self.token = token
    }

    /// Polls `probe` until it is done; throws the error `end` builds when it fails, times out or
    /// is cancelled. Errors `probe` throws end the wait unchanged.
    /// - Parameters:
    ///   - probe: one poll; receives the progress so far.
    ///   - end: builds the error for a wait that stopped without success, from the progress.
    public func run<Success: Sendable, Failure: Error>(
        _ probe: (WaitProgress) async throws(Failure) -> WaitStep<Success, Failure>,
        end: (WaitEnd<Failure>, WaitProgress) -> Failure
    ) async throws(Failure) -> Success {
        var schedule = WaitSchedule(start: clock.now(), timeout: timeout, poll: poll)
        while true {
            if isCancelled { throw end(.cancelled(token?.reason), schedule.progress(now: clock.now())) }
            let delay: Double?
            switch try await probe(schedule.progress(now: clock.now())) {
            case .done(let value):
                return value
            case .failed(let failure, let state):
                schedule.recordFinalPoll(state: state)
                throw end(.failed(failure), schedule.progress(now: clock.now()))
            case .pending(let state):
                delay = schedule.recordPoll(state: state, now: clock.now())
            case .retry:
                delay = schedule.recordRetry(now: clock.now())
            }
            guard let delay else { throw end(.deadlineExceeded, schedule.progress(now: clock.now())) }
            WaitObserver.current?(schedule.progress(now: clock.now()))
            do { try await clock.sleep(seconds: delay) } catch {
                throw end(.cancelled(token?.reason), schedule.progress(now: clock.now()))
            }
        }
    }

    private var isCancelled: Bool { token?.isCancelled == true || Task.isCancelled }
}
