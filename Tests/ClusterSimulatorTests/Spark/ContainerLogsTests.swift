import ClusterSimulator
import Foundation
import HTTPTransport
import Testing
import YARN

/// The simulated NodeManager's AM container logs, reached through the address the RM's attempts name.
@Suite struct ContainerLogsTests {
    /// Adds a `spark-submit --class mainClass` step for `jar` on a fresh cluster and lets it run `seconds`.
    func submit(_ sim: Simulator, mainClass: String, jar: String, seconds: Double) async throws -> String {
        let cluster = await sim.createCluster(name: "streaming-prod")
        let step =
            #"{"JobFlowId":"\#(cluster)","Steps":[{"Name":"Aggregator","ActionOnFailure":"CONTINUE","HadoopJarStep":{"Jar":"command-runner.jar","Args":["spark-submit","--deploy-mode","cluster","--name","Aggregator","--class","\#(mainClass)","\#(jar)"]}}]}"#
        _ = try await TestClient().emr(sim, "AddJobFlowSteps", step)
        sim.clock.advance(by: seconds)
        return try #require(await sim.snapshot().apps.first?.id)
    }

    /// The AM container's `file` of attempt `attempt`, from the NodeManager the attempt names.
    func log(_ sim: Simulator, appId: String, attempt: Int = 1, _ file: String, query: String = "") async throws -> HTTPResponse {
        let rm = try RMClient(connection: RMConnection(addresses: sim.yarnEndpoints), clock: sim.clock)
        let attempts = try await rm.attempts(appId: appId)
        let node = try #require(attempts.first { $0.appAttemptId?.hasSuffix(String(format: "_%06d", attempt)) == true })
        let address = try #require(node.nodeHttpAddress)
        #expect(sim.yarnEndpoints.contains("http://\(address)"), "the attempt names a reachable NodeManager")
        #expect(node.logsLink == "http://\(address)/node/containerlogs/\(node.containerId ?? "")/hadoop")
        let container = try #require(node.containerId)
        return try await TestClient().yarn("http://\(address)", "GET", "/ws/v1/node/containerlogs/\(container)/\(file)\(query)")
    }

    @Test func anAppThatFailsToStartLogsTheMissingClassAndSizeCutsTheTail() async throws {
        try await withSimulator(.spark([.appFailsToStart()])) { sim in
            let appId = try await submit(sim, mainClass: "com.acme.Missing", jar: "s3://b/agg-2.jar", seconds: 20)
            #expect(await sim.snapshot().apps.first?.state == "FAILED")
            let full = try await log(sim, appId: appId, "stderr")
            #expect(full.status == 200)
            #expect(full.header("Content-Type")?.hasPrefix("text/plain") == true)
            let text = String(decoding: full.body, as: UTF8.self)
            #expect(text.contains("Exception in thread \"main\" java.lang.ClassNotFoundException: com.acme.Missing\n\tat java.base/"))
            #expect(text.contains("ERROR ApplicationMaster: User class threw exception"))
            let tail = try await log(sim, appId: appId, "stderr", query: "?size=-200")
            #expect(tail.body == Array(full.body.suffix(200)))
            let head = try await log(sim, appId: appId, "stderr", query: "?size=100")
            #expect(head.body == Array(full.body.prefix(100)))
            let missing = try await log(sim, appId: appId, "syslog.7")
            #expect(missing.status == 404)
            #expect((missing.json["RemoteException"] as? [String: Any])?["exception"] as? String == "NotFoundException")
            let step = try #require(await sim.snapshot().steps.first)
            let described = try await TestClient().emr(
                sim, "DescribeStep", #"{"ClusterId":"\#(step.clusterId)","StepId":"\#(step.id)"}"#)
            let status = (described.json["Step"] as? [String: Any])?["Status"] as? [String: Any]
            let details = status?["FailureDetails"] as? [String: Any]
            #expect(details?["Message"] as? String == "Exception in thread \"main\" java.lang.ClassNotFoundException: com.acme.Missing")
            #expect((details?["LogFile"] as? String)?.hasPrefix("s3://") == true)
            let unknown = try await TestClient().yarn(
                sim.yarnEndpoints[0], "GET", "/ws/v1/node/containerlogs/container_1_9999_01_000001/stderr")
            #expect(unknown.status == 404)
        }
    }

    @Test func aStandbyRMStillServesContainerLogs() async throws {
        var scenario = Scenario.spark()
        scenario.resourceManagers = 2
        try await withSimulator(scenario) { sim in
            let cluster = await sim.createCluster(name: "streaming-prod")
            let (_, appId) = try await sim.startStreamingJob(
                clusterId: cluster, name: "Aggregator", jar: "s3://b/agg-1.jar", mainClass: "com.acme.Aggregator")
            await sim.failover(to: 1)
            let container = appId.replacingOccurrences(of: "application_", with: "container_") + "_01_000001"
            let standby = try await TestClient().yarn(
                sim.yarnEndpoints[0], "GET", "/ws/v1/node/containerlogs/\(container)/stderr")
            #expect(standby.status == 200)
            #expect(String(decoding: standby.body, as: UTF8.self).contains("INFO MicroBatchExecution: Starting aggregator"))
        }
    }

    @Test func aCrashLoopingAttemptLogsTheOutOfMemoryError() async throws {
        try await withSimulator(.spark([.appCrashLoop(afterSeconds: 30, attempts: 2)])) { sim in
            let cluster = await sim.createCluster(name: "streaming-prod")
            let (_, appId) = try await sim.startStreamingJob(
                clusterId: cluster, name: "Aggregator", jar: "s3://b/agg-2.jar", mainClass: "com.acme.Aggregator")
            sim.clock.advance(by: 31)
            let text = String(decoding: try await log(sim, appId: appId, attempt: 1, "stderr").body, as: UTF8.self)
            #expect(text.contains("ERROR ApplicationMaster: RECEIVED SIGNAL TERM"))
            #expect(text.contains("exitCode: 52"))
            #expect(text.hasSuffix("java.lang.OutOfMemoryError: Java heap space\n"))
        }
    }
}
