import ClusterSimulator
import EMR
import Foundation
import HTTPTransport
import Logging
import SparkDeployCore

/// Valid response bodies of every fuzzed operation, as the simulator's EMR shapes produce them: a
/// cluster with a running Spark step, read over real HTTP.
enum HostileEMRBodies {
    static func load() async throws -> [HostileEMROperation: [UInt8]] {
        let sim = try await Simulator.start(SimulatorOptions(clock: ScaledClock(rate: 50)))
        do {
            let clusterId = await sim.createCluster(name: "hostile-source", tags: [ClusterTag(key: "team", value: "data")])
            let (stepId, _) = try await sim.startStreamingJob(
                clusterId: clusterId, name: "Aggregator",
                jar: "s3://b/agg.jar", mainClass: "com.acme.Agg")
            let transport = try HTTPTransport()
            var bodies: [HostileEMROperation: [UInt8]] = [:]
            for operation in HostileEMROperation.allCases {
                let request = HTTPRequest(
                    method: "POST", url: sim.emrEndpoint + "/",
                    headers: [
                        ("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "ElasticMapReduce.\(operation)"),
                    ], body: Array(operation.simulatorInput(clusterId: clusterId, stepId: stepId).utf8))
                let response = try await transport.send(request)
                guard response.status == 200 else {
                    throw BodyCaptureError(operation: operation.rawValue, status: response.status, body: response.text)
                }
                bodies[operation] = response.body
            }
            await sim.stop()
            return bodies
        } catch {
            await sim.stop()
            throw error
        }
    }
}

/// The simulator did not answer an operation with 200.
struct BodyCaptureError: Error {
    var operation: String
    var status: Int
    var body: String
}
