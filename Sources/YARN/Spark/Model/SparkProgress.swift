import Foundation

/// What a Spark application has got done, normalised across Spark versions and streaming APIs: the basis
/// of a progress gate ("healthy, not just RUNNING").
///
/// Counts cover what the driver retains (`spark.ui.retainedJobs`, `spark.sql.ui.retainedExecutions`,
/// 1,000 each by default), so compare two readings of one app, not apps with each other.
public struct SparkProgress: Sendable, Equatable {
    /// Where ``completedBatches`` comes from.
    public enum BatchSource: String, Sendable, Equatable {
        /// DStreams: `streaming/statistics`' `numTotalCompletedBatches`.
        case streamingStatistics
        /// Structured Streaming (or batch SQL): distinct completed micro-batches among the `sql` executions.
        case sqlExecutions
        /// Neither endpoint answered (Spark 2.4 without DStreams): ``completedBatches`` is 0.
        case none
    }

    /// Jobs that succeeded.
    public var completedJobs: Int
    /// Jobs that failed.
    public var failedJobs: Int
    /// Jobs running now.
    public var runningJobs: Int
    /// Batches completed (see ``batchSource``).
    public var completedBatches: Int
    /// Where ``completedBatches`` comes from.
    public var batchSource: BatchSource
    /// Executors that are alive and can run tasks (a local-mode driver counts; a cluster-mode driver does not).
    public var activeExecutors: Int
    /// Failed tasks summed over the active executors.
    public var failedTasks: Int
    /// The latest completion time of any job, nil when none completed.
    public var lastCompletionTime: Date?
    /// The failure reasons of failed jobs that carry one, newest job first.
    public var failureReasons: [String]

    /// Creates a value from its parts.
    public init(
        completedJobs: Int, failedJobs: Int, runningJobs: Int, completedBatches: Int,
        batchSource: BatchSource, activeExecutors: Int, failedTasks: Int, lastCompletionTime: Date?,
        failureReasons: [String] = []
    ) {
        self.completedJobs = completedJobs
        self.failedJobs = failedJobs
        self.runningJobs = runningJobs
        self.completedBatches = completedBatches
        self.batchSource = batchSource
        self.activeExecutors = activeExecutors
        self.failedTasks = failedTasks
        self.lastCompletionTime = lastCompletionTime
        self.failureReasons = failureReasons
    }

    /// Normalises the endpoints' answers; `streaming` and `sql` are nil when the driver does not serve them.
    /// DStreams statistics win over SQL executions when both are present.
    public init(
        jobs: [SparkJob], executors: [SparkExecutor], streaming: SparkStreamingStatistics?,
        sql: [SparkSQLExecution]?
    ) {
        let completed = jobs.filter { $0.status == .succeeded }
        let failed = jobs.filter { $0.status == .failed }
        let batches: Int
        let source: BatchSource
        if let streaming {
            (batches, source) = (streaming.numTotalCompletedBatches, .streamingStatistics)
        } else if let sql {
            (batches, source) = (Set(sql.filter(\.isCompleted).map(\.batchKey)).count, .sqlExecutions)
        } else {
            (batches, source) = (0, .none)
        }
        let active = executors.filter(\.runsTasks)
        self.init(
            completedJobs: completed.count, failedJobs: failed.count,
            runningJobs: jobs.filter { $0.status == .running }.count,
            completedBatches: batches, batchSource: source, activeExecutors: active.count,
            failedTasks: active.reduce(0) { $0 + $1.failedTasks },
            lastCompletionTime: jobs.compactMap(\.completionTime).max(),
            failureReasons: failed.sorted { $0.jobId > $1.jobId }.compactMap(\.failureReason))
    }
}
