/// One endpoint of a Spark driver's monitoring REST API, relative to `/api/v1/applications/{appId}`.
public struct SparkRESTEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// The name used in errors and logs, which is also the path under the application (`"jobs"`).
    public let name: String
    /// Query parameters sent with it.
    public let query: [SparkQueryItem]

    /// Creates an endpoint description.
    public init(name: String, query: [SparkQueryItem] = []) {
        self.name = name
        self.query = query
    }

    /// The endpoint's name.
    public var description: String { name }

    /// `jobs`, optionally only those in `status` (`running`, `succeeded`, `failed`, `unknown`).
    public static func jobs(status: SparkJobStatus? = nil) -> SparkRESTEndpoint {
        SparkRESTEndpoint(name: "jobs", query: status.map { [SparkQueryItem(name: "status", value: $0.rawValue.lowercased())] } ?? [])
    }

    /// `stages`, without per-task details.
    public static let stages = SparkRESTEndpoint(name: "stages", query: [SparkQueryItem(name: "details", value: "false")])

    /// `executors`: the active executors (the driver included).
    public static let executors = SparkRESTEndpoint(name: "executors")

    /// `streaming/statistics`: DStreams (`StreamingContext`) only; 404 for Structured Streaming.
    public static let streamingStatistics = SparkRESTEndpoint(name: "streaming/statistics")

    /// `sql` (Spark 3.0+): SQL executions, without plans or node metrics, up to `limit` of them.
    public static func sql(limit: Int) -> SparkRESTEndpoint {
        SparkRESTEndpoint(
            name: "sql",
            query: [
                SparkQueryItem(name: "details", value: "false"), SparkQueryItem(name: "planDescription", value: "false"),
                SparkQueryItem(name: "offset", value: "0"), SparkQueryItem(name: "length", value: String(max(1, limit))),
            ])
    }
}

/// A query parameter of a Spark REST request.
public struct SparkQueryItem: Sendable, Hashable {
    /// The parameter name.
    public var name: String
    /// The value (not yet percent-encoded).
    public var value: String

    /// Creates a parameter.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
