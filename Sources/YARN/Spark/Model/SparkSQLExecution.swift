import Foundation

/// One SQL execution (`GET …/sql`, Spark 3.0+). Each Structured Streaming micro-batch that runs a plan
/// shows as an execution.
public struct SparkSQLExecution: Sendable, Equatable, Decodable {
    /// The execution id.
    public var id: Int
    /// `RUNNING`, `COMPLETED` or `FAILED`.
    public var status: SparkJobStatus
    /// What ran (for a micro-batch, the query's name and `batch = N`).
    public var description: String
    /// When it was submitted.
    public var submissionTime: Date?
    /// How long it ran, in milliseconds.
    public var duration: Int
    /// Jobs that succeeded in it.
    public var successJobIds: [Int]
    /// Jobs that failed in it.
    public var failedJobIds: [Int]
    /// The execution this one is nested in (Spark 3.4+; itself for a root execution, nil before 3.4).
    public var rootExecutionId: Int?

    /// The status of a finished, successful execution.
    public static let completed = SparkJobStatus("COMPLETED")

    /// Whether it finished without a failed job.
    public var isCompleted: Bool { status == Self.completed && failedJobIds.isEmpty }

    /// What it is a run of, so that several executions of one micro-batch count once: the description for
    /// a Structured Streaming micro-batch (it names the run id and `batch = N`), else the root execution.
    public var batchKey: String {
        if description.contains("batch = ") { return description }
        return "execution \(rootExecutionId ?? id)"
    }

    private enum CodingKeys: String, CodingKey {
        case id, status, description, submissionTime, duration, successJobIds, failedJobIds, rootExecutionId
    }

    /// Decodes an execution; only `id` and `status` are required.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int.self, forKey: .id)
        status = try c.decode(SparkJobStatus.self, forKey: .status)
        description = try c.decodeIfPresent(String.self, forKey: .description) ?? ""
        submissionTime = try SparkTimestamp.decode(c, .submissionTime)
        duration = try c.decodeIfPresent(Int.self, forKey: .duration) ?? 0
        successJobIds = try c.decodeIfPresent([Int].self, forKey: .successJobIds) ?? []
        failedJobIds = try c.decodeIfPresent([Int].self, forKey: .failedJobIds) ?? []
        rootExecutionId = try c.decodeIfPresent(Int.self, forKey: .rootExecutionId)
    }
}
