import ClusterSimulator
import Foundation
import SparkDeployCore
import Testing

/// Issue 16's "done when", read from the simulator's own state: a drain redeploy leaves the old app
/// FINISHED (not KILLED) with no uncommitted batch, and the new build's first commit follows the old
/// app's last; a job that ignores its marker is killed and the summary says the stop was not graceful.
@Suite("Drain, then kill")
struct DrainTests {
    struct Run {
        var result: CLIResult
        var apps: [SimulatorSnapshot.App]
        var commits: [Int]
        var offsets: [Int]
    }

    static func redeploy(in scenario: String) async throws -> Run {
        let sim = try await Simulator.start(
            SimulatorOptions(
                clock: ScaledClock(rate: 30),
                scenario: try Scenario.named(scenario, parameters: ["jar": ReliabilityRun.newJar])))
        defer { Task { await sim.stop() } }
        let storage = ReliabilityRun.drainStorage
        let existing = await sim.snapshot().clusters.first { $0.name == "streaming-prod" }?.id
        let cluster: String
        if let existing { cluster = existing } else { cluster = await sim.createCluster(name: "streaming-prod") }
        try await sim.seedCheckpoint(storage.checkpoint, committedBatches: 5)
        _ = try await sim.startStreamingJob(
            clusterId: cluster, name: ReliabilityRun.app, jar: ReliabilityRun.oldJar, mainClass: "com.acme.Aggregator",
            conf: [StreamingConf.checkpointLocation: storage.checkpoint, StreamingConf.stopMarker: storage.marker])
        let invocation = ReliabilityRun.invocation(of: "redeploy-streaming+drain")
        let result = try await CLI.runDetached(
            ["run", invocation.recipe, "-p", "cluster=streaming-prod", "-p", "app=\(ReliabilityRun.app)"] + invocation.params
                + ["--timeout", "120"],
            environment: [
                "AWS_ENDPOINT_URL_EMR": sim.emrEndpoint, "AWS_ENDPOINT_URL_S3": sim.s3Endpoint,
                "SPARKDEPLOY_YARN_URL": sim.yarnEndpoints.joined(separator: ","),
                "SPARKDEPLOY_WEBHDFS_URL": sim.yarnEndpoints.joined(separator: ","), "AWS_ACCESS_KEY_ID": "AKIDTEST",
                "AWS_SECRET_ACCESS_KEY": "test-secret-key", "AWS_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true",
                "SPARKDEPLOY_LOCK_DIR": NSTemporaryDirectory() + "locks-\(UUID().uuidString)",
            ])
        func batches(_ dir: String) async throws -> [Int] {
            try await sim.fileNames(in: storage.checkpoint + "/" + dir).compactMap { Int($0) }.sorted()
        }
        return Run(
            result: result, apps: await sim.snapshot().apps.filter { $0.name == ReliabilityRun.app },
            commits: try await batches("commits"), offsets: try await batches("offsets"))
    }

    @Test("a drain redeploy: the old app FINISHED, nothing in flight, the new build continues at the next batch")
    func graceful() async throws {
        let run = try await Self.redeploy(in: "standard")
        #expect(run.result.status == 0, "\(run.result.stderr.suffix(3000))")
        let old = try #require(run.apps.first)
        #expect(old.state == "FINISHED", "the old app stopped on its own, not killed: \(old.state)")
        let report = run.result.stderr
        let last = try #require(
            report.range(of: #"last commit batch (\d+)"#, options: .regularExpression).flatMap {
                Int(report[$0].split(separator: " ").last ?? "")
            }, "\(report.suffix(2000))")
        #expect(last >= 5, "the old app continued the seeded checkpoint (0…4) before it was drained")
        #expect(run.commits.contains(last + 1), "the new build's first commit follows the old app's last: \(run.commits)")
        #expect(run.commits.contains(last) && run.offsets.contains(last), "the old app's last batch was committed")
        #expect(report.contains("stop: graceful"), "\(report.suffix(2000))")
        #expect(report.contains("the new build resumed at batch \(last + 1)"))
        let new = try #require(run.apps.last)
        #expect(new.state == "RUNNING" && new.id != old.id)
    }

    @Test("marker-ignored: past the grace period the app is killed and the summary says the stop was not graceful")
    func ignored() async throws {
        let run = try await Self.redeploy(in: "marker-ignored")
        #expect(run.result.status == 0, "\(run.result.stderr.suffix(3000))")
        #expect(run.apps.first?.state == "KILLED")
        #expect(run.result.stderr.contains("stop: NOT graceful"), "\(run.result.stderr.suffix(2000))")
        #expect(run.result.stderr.contains("a batch was in flight: the next build replays it"))
    }
}
