extension RMClient {
    /// `GET /ws/v1/cluster/info` on the active RM (cached for version checks).
    /// - Throws: ``YARNError``.
    public func clusterInfo() async throws(YARNError) -> ClusterInfo {
        let (response, context) = try await execute(
            RMRequest(operation: "clusterInfo", method: "GET", path: "/ws/v1/cluster/info", retriable: true))
        let info = try ResponseDecoding.clusterInfo(response, context)
        state.withLock { $0.info = info }
        return info
    }

    /// `GET /ws/v1/cluster/metrics`.
    /// - Throws: ``YARNError``.
    public func clusterMetrics() async throws(YARNError) -> ClusterMetrics {
        let (response, context) = try await execute(
            RMRequest(operation: "clusterMetrics", method: "GET", path: "/ws/v1/cluster/metrics", retriable: true))
        return try ResponseDecoding.metrics(response, context)
    }

    /// The RM's (major, minor) version, fetched once; `nil` when the RM does not say.
    func serverVersion() async -> (major: Int, minor: Int)? {
        if let cached = state.withLock({ $0.info }) { return cached.version }
        return try? await clusterInfo().version
    }
}
