import ClusterSimulator
import HTTPTransport
import SparkDeployCore
import YARN

/// A running Spark app on a simulator and the real clients that watch it.
struct SparkSimApp {
    let appId: String
    let rm: RMClient
    let spark: SparkRESTClient

    /// Starts `jar` as a streaming job on a fresh cluster of `sim` (RUNNING now) and connects the real
    /// Spark REST client to it through the RM's web proxy.
    static func start(
        _ sim: Simulator, jar: String = "s3://b/agg-1.jar", cluster: String? = nil
    ) async throws -> SparkSimApp {
        let clusterId: String
        if let cluster {
            clusterId = cluster
        } else {
            clusterId = await sim.createCluster(name: "streaming-prod", stepConcurrencyLevel: 5)
        }
        let (_, appId) = try await sim.startStreamingJob(
            clusterId: clusterId, name: "Aggregator", jar: jar, mainClass: "com.acme.Aggregator")
        var connection = try RMConnection(addresses: sim.yarnEndpoints)
        connection.retry = RMRetryPolicy(maxAttempts: 2, maxTotalSeconds: 10, backoff: Backoff(base: 0.1, cap: 0.2))
        let rm = try RMClient(connection: connection, clock: sim.clock)
        return SparkSimApp(appId: appId, rm: rm, spark: try SparkRESTClient(rm: rm, applicationId: appId))
    }
}

extension Scenario {
    /// The standard world with `faults` and micro-batches `batchSeconds` long.
    static func spark(_ faults: [Fault] = [], batchSeconds: Double = 2) -> Scenario {
        var scenario = Scenario.standard
        scenario.faults = faults
        scenario.sparkBatchSeconds = batchSeconds
        return scenario
    }
}
