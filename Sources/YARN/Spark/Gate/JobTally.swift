import Foundation

/// One reading of a Spark application's `jobs`: what the progress gate decides on. One request per poll
/// (`jobs`), so that detecting "no progress" costs the proxy one request per poll.
public struct JobTally: Sendable, Equatable {
    /// Jobs that succeeded.
    public var completed: Int
    /// Jobs that failed.
    public var failed: Int
    /// Jobs running now.
    public var running: Int
    /// The newest failed job (id, name, reason), when any failed.
    public var newestFailure: SparkJob?
    /// When the oldest running job was submitted (the driver's clock), when one runs.
    public var oldestRunningSince: Date?

    /// Creates a tally from its parts.
    public init(completed: Int, failed: Int, running: Int, newestFailure: SparkJob? = nil, oldestRunningSince: Date? = nil) {
        self.completed = completed
        self.failed = failed
        self.running = running
        self.newestFailure = newestFailure
        self.oldestRunningSince = oldestRunningSince
    }

    /// Tallies a `jobs` answer.
    public init(_ jobs: [SparkJob]) {
        let failed = jobs.filter { $0.status == .failed }
        let running = jobs.filter { $0.status == .running }
        self.init(
            completed: jobs.count { $0.status == .succeeded }, failed: failed.count, running: running.count,
            newestFailure: failed.max { $0.jobId < $1.jobId },
            oldestRunningSince: running.compactMap(\.submissionTime).min())
    }

    /// "job 7 (foreachBatch at Main.scala:42) failed: Job aborted …".
    public var failureText: String? {
        guard let job = newestFailure else { return nil }
        var text = "Spark job \(job.jobId)"
        if !job.name.isEmpty { text += " (\(job.name))" }
        text += " failed"
        if let reason = job.failureReason, !reason.isEmpty { text += ": \(reason)" }
        return text
    }
}
