import EMR
import Logging

/// The EMR client operations fuzzed against the hostile server.
enum HostileEMROperation: String, CaseIterable, Sendable, CustomStringConvertible {
    case listClusters = "ListClusters"
    case describeCluster = "DescribeCluster"
    case listSteps = "ListSteps"
    case describeStep = "DescribeStep"
    case listInstances = "ListInstances"

    /// A fixed seed per operation (override with `HOSTILE_SEED`).
    var seed: UInt64 { 0xE3B_0000 + UInt64(Self.allCases.firstIndex(of: self) ?? 0) }

    var description: String { rawValue }

    /// The JSON request body that makes the simulator answer with a valid body for this operation.
    func simulatorInput(clusterId: String, stepId: String) -> String {
        switch self {
        case .listClusters: return "{}"
        case .describeCluster, .listSteps, .listInstances: return "{\"ClusterId\":\"\(clusterId)\"}"
        case .describeStep: return "{\"ClusterId\":\"\(clusterId)\",\"StepId\":\"\(stepId)\"}"
        }
    }

    /// Calls the operation.
    func call(_ client: EMRClient, logger: Logger) async throws -> any Sendable {
        switch self {
        case .listClusters: return try await client.listClusters(logger: logger)
        case .describeCluster: return try await client.describeCluster("j-HOSTILE", logger: logger)
        case .listSteps: return try await client.listSteps(clusterId: "j-HOSTILE", logger: logger)
        case .describeStep: return try await client.describeStep(clusterId: "j-HOSTILE", stepId: "s-HOSTILE", logger: logger)
        case .listInstances: return try await client.listInstances(clusterId: "j-HOSTILE", logger: logger)
        }
    }
}
