import AWSCore
import Logging

struct ListInstancesInput: Encodable, Sendable {
    var ClusterId: String
    var InstanceGroupTypes: [String]?
    var InstanceStates: [String]?
    var Marker: String?
}
struct ListInstancesOutput: Decodable {
    var Instances: [Instance]?
    var Marker: String?
}

extension EMRClient {
    /// ListInstances, every page.
    /// - Parameters:
    ///   - clusterId: the cluster.
    ///   - groupTypes: `MASTER`, `CORE`, `TASK` (all when empty).
    ///   - states: instance states (all when empty).
    ///   - logger: receives one debug line per attempt.
    /// - Throws: ``EMRError``.
    public func listInstances(
        clusterId: String, groupTypes: [String] = [], states: [String] = [],
        logger: Logger
    ) async throws -> [Instance] {
        var all: [Instance] = []
        var marker: String?
        var pages = 0
        repeat {
            let input = ListInstancesInput(
                ClusterId: clusterId, InstanceGroupTypes: groupTypes.isEmpty ? nil : groupTypes,
                InstanceStates: states.isEmpty ? nil : states, Marker: marker)
            let page = try await call("ListInstances", input, as: ListInstancesOutput.self, logger: logger)
            all += page.Instances ?? []
            marker = page.Marker.flatMap { $0.isEmpty ? nil : $0 }
            pages += 1
        } while marker != nil && pages < 1000
        return all
    }
}
