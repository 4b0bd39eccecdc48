import Foundation

/// One stage attempt of a Spark application (`GET …/stages`); unknown fields ignored.
public struct SparkStage: Sendable, Equatable, Decodable {
    /// The stage id.
    public var stageId: Int
    /// The attempt number (0 first).
    public var attemptId: Int
    /// `ACTIVE`, `COMPLETE`, `FAILED`, `PENDING` or `SKIPPED`.
    public var status: String
    /// The stage's name (call site).
    public var name: String
    /// Tasks in the stage.
    public var numTasks: Int
    /// Tasks running.
    public var numActiveTasks: Int
    /// Tasks completed.
    public var numCompleteTasks: Int
    /// Tasks failed.
    public var numFailedTasks: Int
    /// When the stage was submitted.
    public var submissionTime: Date?
    /// When it ended.
    public var completionTime: Date?
    /// Why it failed (the exception and its stack trace head), for a failed stage.
    public var failureReason: String?

    private enum CodingKeys: String, CodingKey {
        case stageId, attemptId, status, name, numTasks, numActiveTasks, numCompleteTasks, numFailedTasks
        case submissionTime, completionTime, failureReason
    }

    /// Decodes a stage; only `stageId` and `status` are required.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        stageId = try c.decode(Int.self, forKey: .stageId)
        status = try c.decode(String.self, forKey: .status).uppercased()
        attemptId = try c.decodeIfPresent(Int.self, forKey: .attemptId) ?? 0
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        numTasks = try c.decodeIfPresent(Int.self, forKey: .numTasks) ?? 0
        numActiveTasks = try c.decodeIfPresent(Int.self, forKey: .numActiveTasks) ?? 0
        numCompleteTasks = try c.decodeIfPresent(Int.self, forKey: .numCompleteTasks) ?? 0
        numFailedTasks = try c.decodeIfPresent(Int.self, forKey: .numFailedTasks) ?? 0
        submissionTime = try SparkTimestamp.decode(c, .submissionTime)
        completionTime = try SparkTimestamp.decode(c, .completionTime)
        failureReason = try c.decodeIfPresent(String.self, forKey: .failureReason)
    }
}
