/// What the progress gate saw when an application passed it.
public struct ProgressGateResult: Sendable, Equatable {
    /// The application's jobs at the last poll.
    public var tally: JobTally
    /// Executors able to run tasks, when the gate counted them.
    public var activeExecutors: Int?
    /// Seconds of the run clock between the first and the `minBatches`-th completed job, per batch: the
    /// pace the app kept, or nil when it could not be measured (one batch wanted, or all seen at once).
    public var batchInterval: Double?
    /// Seconds of the run clock the gate took.
    public var elapsed: Double
    /// Polls made.
    public var polls: Int

    /// Creates a result from its parts.
    public init(tally: JobTally, activeExecutors: Int?, batchInterval: Double?, elapsed: Double, polls: Int) {
        self.tally = tally
        self.activeExecutors = activeExecutors
        self.batchInterval = batchInterval
        self.elapsed = elapsed
        self.polls = polls
    }
}
