extension SparkRESTClient {
    /// The application's progress, normalised (see ``SparkProgress``): `jobs` and `executors`, then
    /// `streaming/statistics` for DStreams, else `sql` for Structured Streaming.
    ///
    /// Once `streaming/statistics` answered 404 while `sql` showed a completed batch, later calls skip
    /// it: a Structured Streaming app costs three requests per call.
    /// - Throws: ``SparkRESTError`` from `jobs` or `executors` (an unknown app fails there), or any error
    ///   of `streaming/statistics` and `sql` but 404 (an endpoint the driver does not serve).
    public func progress() async throws(SparkRESTError) -> SparkProgress {
        let jobs = try await jobs()
        let executors = try await executors()
        var streaming: SparkStreamingStatistics?
        if !state.withLock({ $0.streamingAbsent }) {
            streaming = try await optional { () async throws(SparkRESTError) in try await streamingStatistics() }
        }
        var sql: [SparkSQLExecution]?
        if streaming == nil {
            sql = try await optional { () async throws(SparkRESTError) in try await sqlExecutions() }
        }
        let progress = SparkProgress(jobs: jobs, executors: executors, streaming: streaming, sql: sql)
        if streaming == nil, progress.completedBatches > 0 { state.withLock { $0.streamingAbsent = true } }
        return progress
    }

    /// The value, or nil when the endpoint answered 404.
    private func optional<T>(_ body: () async throws(SparkRESTError) -> T) async throws(SparkRESTError) -> T? {
        do {
            return try await body()
        } catch  where error.code == .notFound {
            return nil
        }
    }
}
