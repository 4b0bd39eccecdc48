import Foundation

/// One job of a Spark application (`GET …/jobs`): Spark 2.4, 3.x and 4.x shapes; unknown fields ignored.
public struct SparkJob: Sendable, Equatable, Decodable {
    /// The job id.
    public var jobId: Int
    /// The job's name (the action's call site).
    public var name: String
    /// `SUCCEEDED`, `RUNNING`, `FAILED` or `UNKNOWN`.
    public var status: SparkJobStatus
    /// When the job was submitted.
    public var submissionTime: Date?
    /// When the job ended (absent while it runs).
    public var completionTime: Date?
    /// Tasks in all its stages.
    public var numTasks: Int
    /// Tasks completed.
    public var numCompletedTasks: Int
    /// Tasks failed (retried or not).
    public var numFailedTasks: Int
    /// Tasks skipped.
    public var numSkippedTasks: Int
    /// Tasks killed.
    public var numKilledTasks: Int
    /// The job's stages.
    public var stageIds: [Int]
    /// Its job group (a Structured Streaming query's run id), when set.
    public var jobGroup: String?
    /// Why it failed, when the server says (Spark's own JobData has none; some proxies and the simulator do).
    public var failureReason: String?

    private enum CodingKeys: String, CodingKey {
        case jobId, name, status, submissionTime, completionTime, numTasks, numCompletedTasks, numFailedTasks
        case numSkippedTasks, numKilledTasks, stageIds, jobGroup, failureReason
    }

    /// Decodes a job; only `jobId` and `status` are required.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        jobId = try c.decode(Int.self, forKey: .jobId)
        status = try c.decode(SparkJobStatus.self, forKey: .status)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        submissionTime = try SparkTimestamp.decode(c, .submissionTime)
        completionTime = try SparkTimestamp.decode(c, .completionTime)
        numTasks = try c.decodeIfPresent(Int.self, forKey: .numTasks) ?? 0
        numCompletedTasks = try c.decodeIfPresent(Int.self, forKey: .numCompletedTasks) ?? 0
        numFailedTasks = try c.decodeIfPresent(Int.self, forKey: .numFailedTasks) ?? 0
        numSkippedTasks = try c.decodeIfPresent(Int.self, forKey: .numSkippedTasks) ?? 0
        numKilledTasks = try c.decodeIfPresent(Int.self, forKey: .numKilledTasks) ?? 0
        stageIds = try c.decodeIfPresent([Int].self, forKey: .stageIds) ?? []
        jobGroup = try c.decodeIfPresent(String.self, forKey: .jobGroup)
        failureReason = try c.decodeIfPresent(String.self, forKey: .failureReason)
    }
}
