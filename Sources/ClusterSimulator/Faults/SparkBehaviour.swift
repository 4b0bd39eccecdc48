/// How a simulated Spark driver behaves while its YARN app is RUNNING, as its monitoring REST API and AM
/// logs show it (see ``Fault/sparkBehaviour(appName:build:behaviour:)``).
///
/// The app is a Structured Streaming query that starts a micro-batch every ``Scenario/sparkBatchSeconds``
/// virtual seconds after reaching RUNNING.
public enum SparkBehaviour: String, Sendable, Codable, Equatable {
    /// Every micro-batch completes; the driver and two executors are active.
    case healthy
    /// The first micro-batch's job runs forever: nothing completes, the executors stay active.
    case stalled
    /// Every micro-batch's job fails (a task failed 4 times); the app stays RUNNING.
    case failingBatches = "failing-batches"
    /// Both executors are gone (only the driver is listed) and the first micro-batch's job never completes.
    case executorsLost = "executors-lost"
}
