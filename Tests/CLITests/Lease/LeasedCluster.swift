import ClusterSimulator
import Foundation
import SparkDeployCore

/// A simulator running the previous build of the app on `streaming-prod` (ScaledClock 30×), optionally with
/// a lease store in its S3, and the environment of any number of "CI runners" (each its own machine-lock
/// folder) deploying to it with `redeploy-streaming`.
struct LeasedCluster: Sendable {
    let sim: Simulator
    /// The state before any deploy.
    let seeded: SimulatorSnapshot
    let shared: [String: String]
    static let bucket = "deploy-leases"

    /// Starts the simulator in `scenario`; with `store`, lease and journal go to `s3://deploy-leases/ci` with `ttl`.
    static func start(scenario: String = "standard", store: Bool = true, ttl: Double? = nil) async throws -> LeasedCluster {
        let parameters = ["jar": ReliabilityRun.newJar, "cluster": "streaming-prod", "app": ReliabilityRun.app]
        let sim = try await Simulator.start(
            SimulatorOptions(
                clock: ScaledClock(rate: 30),
                scenario: try ReliabilityRun.scenarioNamed(scenario, parameters: parameters)))
        var shared = [
            "AWS_ENDPOINT_URL_EMR": sim.emrEndpoint, "SPARKDEPLOY_YARN_URL": sim.yarnEndpoints.joined(separator: ","),
            "AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "test-secret-key", "AWS_REGION": "us-east-1",
            "AWS_EC2_METADATA_DISABLED": "true",
        ]
        if store {
            try await sim.createBucket(bucket)
            shared["AWS_ENDPOINT_URL_S3"] = sim.s3Endpoint
            shared["SPARKDEPLOY_LOCK_STORE"] = "s3://\(bucket)/ci"
            if let ttl { shared["SPARKDEPLOY_LOCK_TTL"] = "\(ttl)" }
        }
        let seeded = try await ReliabilityRun.seedPreviousBuild(sim)
        return LeasedCluster(sim: sim, seeded: seeded, shared: shared)
    }

    /// The environment of one more runner: the shared endpoints and a machine-lock folder of its own.
    func runner() -> [String: String] {
        shared.merging(["SPARKDEPLOY_LOCK_DIR": NSTemporaryDirectory() + "locks-\(UUID().uuidString)"]) { _, new in new }
    }

    /// `sparkdeploy run redeploy-streaming` of the new build, matrix timings.
    static let deployArguments =
        ["run", "redeploy-streaming", "-p", "cluster=streaming-prod", "-p", "app=\(ReliabilityRun.app)"]
        + ReliabilityRun.buildParams + ReliabilityRun.deployTimes + ["--timeout", "120"]

    /// Each live copy of the app: "new", "previous", or its jar.
    func running() async -> [String] {
        let after = await sim.snapshot()
        return after.apps.filter { $0.name == ReliabilityRun.app && ($0.state == "RUNNING" || $0.state == "ACCEPTED") }.map { copy in
            let jar = ReliabilityRun.jar(of: copy, in: after)
            return jar == ReliabilityRun.newJar ? "new" : jar == ReliabilityRun.oldJar ? "previous" : jar
        }
    }

    /// Steps whose arguments carry the new build.
    func newSteps() async -> Int { await sim.snapshot().steps.filter { $0.args.contains(ReliabilityRun.newJar) }.count }

    /// Stops the simulator in the background.
    func stop() { Task { await sim.stop() } }
}
