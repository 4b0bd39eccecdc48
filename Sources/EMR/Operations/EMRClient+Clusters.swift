import AWSCore
import Logging
import SparkDeployCore

/// The result of RunJobFlow.
public struct RunJobFlowResult: Codable, Sendable, Equatable {
    /// The new cluster's id.
    public var jobFlowId: String
    /// Its ARN.
    public var clusterArn: String?
    /// Creates a result.
    public init(jobFlowId: String, clusterArn: String?) {
        self.jobFlowId = jobFlowId
        self.clusterArn = clusterArn
    }
    enum CodingKeys: String, CodingKey { case jobFlowId = "JobFlowId", clusterArn = "ClusterArn" }
}

struct ListClustersInput: Encodable, Sendable {
    var ClusterStates: [String]?
    var CreatedAfter: Double?
    var CreatedBefore: Double?
    var Marker: String?
}

struct ListClustersOutput: Decodable {
    var Clusters: [ClusterSummary]?
    var Marker: String?
}

struct DescribeClusterInput: Encodable, Sendable { var ClusterId: String }
struct DescribeClusterOutput: Decodable { var Cluster: Cluster }
struct TerminateJobFlowsInput: Encodable, Sendable { var JobFlowIds: [String] }
struct ModifyClusterInput: Encodable, Sendable {
    var ClusterId: String
    var StepConcurrencyLevel: Int?
}
struct ModifyClusterOutput: Decodable { var StepConcurrencyLevel: Int? }

extension EMRClient {
    /// ListClusters, every page (following `Marker`).
    /// - Parameters:
    ///   - states: only clusters in these states (all when empty).
    ///   - createdAfter: only clusters created after this time (epoch seconds).
    ///   - createdBefore: only clusters created before this time.
    ///   - logger: receives one debug line per attempt.
    /// - Returns: the clusters, newest first as EMR returns them.
    /// - Throws: ``EMRError``, `CredentialError`.
    public func listClusters(
        states: [ClusterState] = [], createdAfter: Double? = nil, createdBefore: Double? = nil,
        logger: Logger
    ) async throws -> [ClusterSummary] {
        var all: [ClusterSummary] = []
        var marker: String?
        var pages = 0
        repeat {
            let input = ListClustersInput(
                ClusterStates: states.isEmpty ? nil : states.map(\.rawValue),
                CreatedAfter: createdAfter, CreatedBefore: createdBefore, Marker: marker)
            let page = try await call("ListClusters", input, as: ListClustersOutput.self, logger: logger)
            all += page.Clusters ?? []
            marker = page.Marker.flatMap { $0.isEmpty ? nil : $0 }
            pages += 1
        } while marker != nil && pages < 1000
        return all
    }

    /// DescribeCluster.
    /// - Throws: ``EMRError`` (service code `InvalidRequestException` for an unknown id).
    public func describeCluster(_ clusterId: String, logger: Logger) async throws -> Cluster {
        try await call(
            "DescribeCluster", DescribeClusterInput(ClusterId: clusterId),
            as: DescribeClusterOutput.self, logger: logger
        ).Cluster
    }

    /// TerminateJobFlows (at most 10 ids per call; more are sent in batches).
    /// - Throws: ``EMRError``.
    public func terminateJobFlows(_ clusterIds: [String], logger: Logger) async throws {
        var start = 0
        while start < clusterIds.count {
            let batch = Array(clusterIds[start..<min(start + 10, clusterIds.count)])
            _ = try await call(
                "TerminateJobFlows", TerminateJobFlowsInput(JobFlowIds: batch),
                as: EmptyOutput.self, logger: logger)
            start += 10
        }
    }

    /// ModifyCluster: sets StepConcurrencyLevel (1–256).
    /// - Returns: the level EMR reports.
    /// - Throws: ``EMRError``.
    @discardableResult
    public func modifyCluster(_ clusterId: String, stepConcurrencyLevel: Int, logger: Logger) async throws -> Int? {
        try await call(
            "ModifyCluster",
            ModifyClusterInput(
                ClusterId: clusterId,
                StepConcurrencyLevel: stepConcurrencyLevel),
            as: ModifyClusterOutput.self, logger: logger
        ).StepConcurrencyLevel
    }

    /// RunJobFlow, safe against duplicates: RunJobFlow has no client token, so after an ambiguous failure
    /// (a 5xx, or a transport failure after the request may have reached EMR) this first looks for a
    /// cluster with the same name created since the call began, and sends again only if there is none.
    /// - Throws: ``EMRError`` (kind `outcomeUnknown` when the effect cannot be pinned down).
    public func runJobFlow(_ request: RunJobFlowRequest, logger: Logger) async throws -> RunJobFlowResult {
        let started = clock.now()
        return try await submitOnce(
            operation: "RunJobFlow", logger: logger,
            send: {
                try await self.call("RunJobFlow", request, as: RunJobFlowResult.self, idempotent: false, logger: logger)
            },
            findExisting: {
                let recent = try await self.listClusters(createdAfter: started - self.creationSlack, logger: logger)
                let matches = recent.filter { $0.name.hasSameBytes(as: request.name) }
                guard let match = matches.first else { return nil }
                if matches.count > 1 {
                    throw EMRError.outcomeUnknown(
                        operation: "RunJobFlow", endpoint: self.endpoint,
                        reason: "\(matches.count) clusters named \(OutsideText.quoted(request.name)) were created "
                            + "since the call began: \(matches.map(\.id).joined(separator: ", "))")
                }
                return RunJobFlowResult(jobFlowId: match.id, clusterArn: match.clusterArn)
            })
    }
}
