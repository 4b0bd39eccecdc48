import ClusterSimulator
import Foundation
import HTTPTransport
import SparkDeployCore
import YARN

/// A streaming build on a simulator with a checkpoint (and maybe a stop marker), and the real clients that
/// watch it: the RM client and the Spark REST client through the RM's proxy.
struct StreamingSimApp {
    let stepId: String
    let appId: String
    let clusterId: String
    let rm: RMClient
    let spark: SparkRESTClient

    /// Starts `jar` RUNNING now with `spark.sql.streaming.checkpointLocation=checkpoint` and, when given,
    /// `spark.sparkdeploy.stopMarker=marker`.
    static func start(
        _ sim: Simulator, checkpoint: String, marker: String? = nil, jar: String = "s3://b/agg-1.jar",
        cluster: String? = nil
    ) async throws -> StreamingSimApp {
        let clusterId: String
        if let cluster {
            clusterId = cluster
        } else {
            clusterId = await sim.createCluster(name: "streaming-prod", stepConcurrencyLevel: 5)
        }
        var conf = [StreamingConf.checkpointLocation: checkpoint]
        if let marker { conf[StreamingConf.stopMarker] = marker }
        let (stepId, appId) = try await sim.startStreamingJob(
            clusterId: clusterId, name: "Aggregator", jar: jar, mainClass: "com.acme.Aggregator", conf: conf)
        var connection = try RMConnection(addresses: sim.yarnEndpoints)
        connection.retry = RMRetryPolicy(maxAttempts: 2, maxTotalSeconds: 10, backoff: Backoff(base: 0.1, cap: 0.2))
        let rm = try RMClient(connection: connection, clock: sim.clock)
        return StreamingSimApp(
            stepId: stepId, appId: appId, clusterId: clusterId, rm: rm,
            spark: try SparkRESTClient(rm: rm, applicationId: appId))
    }
}

/// A checkpoint as a reader sees it over the wire: batch numbers in `offsets/` and `commits/`, and `metadata`.
struct CheckpointView: Equatable {
    var offsets: [Int]
    var commits: [Int]
    var metadata: String?

    /// Reads `s3://bucket/prefix` with ListObjectsV2 and GetObject over HTTP.
    static func s3(_ sim: Simulator, bucket: String, prefix: String) async throws -> CheckpointView {
        let client = try TestClient()
        func batches(_ dir: String) async throws -> [Int] {
            let listing = text(try await client.s3(sim, "GET", "/\(bucket)?list-type=2&prefix=\(prefix)/\(dir)/"))
            return keys(listing).compactMap { Int($0.split(separator: "/").last ?? "") }.sorted()
        }
        let metadata = try await client.s3(sim, "GET", "/\(bucket)/\(prefix)/metadata")
        return CheckpointView(
            offsets: try await batches("offsets"), commits: try await batches("commits"),
            metadata: metadata.status == 200 ? text(metadata) : nil)
    }

    /// Reads `hdfs://…/path` with WebHDFS LISTSTATUS and OPEN (both steps) on `base`.
    static func webHDFS(_ base: String, path: String) async throws -> CheckpointView {
        let client = try TestClient()
        func batches(_ dir: String) async throws -> [Int] {
            let response = try await client.yarn(base, "GET", "/webhdfs/v1\(path)/\(dir)?op=LISTSTATUS&user.name=hadoop")
            let statuses = ((response.json["FileStatuses"] as? [String: Any])?["FileStatus"] as? [[String: Any]]) ?? []
            return statuses.compactMap { ($0["pathSuffix"] as? String).flatMap { Int($0) } }.sorted()
        }
        var metadata: String?
        let open = try await client.yarn(base, "GET", "/webhdfs/v1\(path)/metadata?op=OPEN&user.name=hadoop")
        if open.status == 307, let location = open.header("Location") {
            metadata = text(try await client.transport.send(HTTPRequest(method: "GET", url: location)))
        }
        return CheckpointView(offsets: try await batches("offsets"), commits: try await batches("commits"), metadata: metadata)
    }

    /// The `<Key>` values of a ListObjectsV2 answer.
    static func keys(_ xml: String) -> [String] {
        xml.components(separatedBy: "<Key>").dropFirst().compactMap { $0.components(separatedBy: "</Key>").first }
    }
}
