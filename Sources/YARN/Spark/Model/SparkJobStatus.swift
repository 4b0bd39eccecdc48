/// A Spark job's or SQL execution's status as the REST API spells it (`SUCCEEDED`, `RUNNING`…), upper-cased.
/// A struct, not an enum, so that a status a newer Spark adds decodes instead of failing.
public struct SparkJobStatus: Sendable, Hashable, CustomStringConvertible, Decodable {
    /// The upper-cased status.
    public let rawValue: String
    /// Creates a status; the value is upper-cased.
    public init(_ rawValue: String) { self.rawValue = rawValue.uppercased() }
    /// Decodes a status string.
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }
    /// The status.
    public var description: String { rawValue }

    /// The job is running.
    public static let running = SparkJobStatus("RUNNING")
    /// The job completed successfully.
    public static let succeeded = SparkJobStatus("SUCCEEDED")
    /// The job failed.
    public static let failed = SparkJobStatus("FAILED")
    /// Spark lost track of the job.
    public static let unknown = SparkJobStatus("UNKNOWN")
}
