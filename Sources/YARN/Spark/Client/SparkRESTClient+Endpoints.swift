import Foundation

extension SparkRESTClient {
    /// The application's jobs, newest first; only those in `status` when given.
    /// - Throws: ``SparkRESTError`` naming `jobs`.
    public func jobs(status: SparkJobStatus? = nil) async throws(SparkRESTError) -> [SparkJob] {
        try await get([SparkJob].self, .jobs(status: status))
    }

    /// The application's stage attempts, without task details.
    /// - Throws: ``SparkRESTError`` naming `stages`.
    public func stages() async throws(SparkRESTError) -> [SparkStage] {
        try await get([SparkStage].self, .stages)
    }

    /// The active executors, the driver included (use ``SparkExecutor/runsTasks`` to count workers).
    /// - Throws: ``SparkRESTError`` naming `executors`.
    public func executors() async throws(SparkRESTError) -> [SparkExecutor] {
        try await get([SparkExecutor].self, .executors)
    }

    /// A DStreams application's statistics.
    /// - Throws: ``SparkRESTError`` naming `streaming/statistics`; `notFound` for an app without a
    ///   `StreamingContext` (every Structured Streaming query) as well as for an unknown app.
    public func streamingStatistics() async throws(SparkRESTError) -> SparkStreamingStatistics {
        try await get(SparkStreamingStatistics.self, .streamingStatistics)
    }

    /// The SQL executions (Spark 3.0+), oldest first, up to `limit`; Structured Streaming micro-batches
    /// appear here (see ``SparkSQLExecution/batchKey``).
    /// - Throws: ``SparkRESTError`` naming `sql`; `notFound` before Spark 3.0.
    public func sqlExecutions(limit: Int = 1000) async throws(SparkRESTError) -> [SparkSQLExecution] {
        try await get([SparkSQLExecution].self, .sql(limit: limit))
    }

    /// The application id the client asks about: the one given, else the first application the direct
    /// driver lists (`/api/v1/applications`), asked once.
    /// - Throws: ``SparkRESTError`` naming `applications` when the driver lists none or cannot be asked.
    public func applicationId() async throws(SparkRESTError) -> String {
        if let known = state.withLock({ $0.applicationId }) { return known }
        let (response, url) = try await fetch("/applications", query: [], endpoint: "applications", applicationId: nil)
        let listed = try Self.decode(
            [SparkApplicationSummary].self, response, url: url, endpoint: "applications",
            applicationId: nil)
        guard let first = listed.first else {
            throw SparkRESTError(
                .notFound, endpoint: "applications", url: url, status: response.status,
                message: "the driver lists no application")
        }
        state.withLock { $0.applicationId = first.id }
        return first.id
    }

    /// GETs and decodes one endpoint of the application.
    func get<T: Decodable>(_ type: T.Type, _ endpoint: SparkRESTEndpoint) async throws(SparkRESTError) -> T {
        let id = try await applicationId()
        let (response, url) = try await fetch(
            "/applications/" + RMEndpoint.encode(id) + "/" + endpoint.name,
            query: endpoint.query, endpoint: endpoint.name, applicationId: id)
        return try Self.decode(T.self, response, url: url, endpoint: endpoint.name, applicationId: id)
    }
}

/// An entry of `GET /api/v1/applications`: only the id is used.
struct SparkApplicationSummary: Decodable {
    var id: String
}
