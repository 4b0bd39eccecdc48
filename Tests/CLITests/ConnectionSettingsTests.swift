import ClusterSimulator
import Foundation
import SparkDeployCore
import Testing

/// `--yarn`, `--yarn-user`, `--region`, `--emr-endpoint`, `--lock-store`, `--lock-ttl`, `--lock-wait` and
/// `run --resume`/`--abandon` reach the clients and the lease as typed configuration: the recipe's `env()`
/// still shows the process environment, not the flags rewritten as variables.
@Suite("Connection flags are configuration, not environment variables", .serialized)
struct ConnectionSettingsTests {
    /// What every run here needs: dummy credentials, no instance metadata, its own machine-lock folder.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        [
            "AWS_ACCESS_KEY_ID": "AKIDFLAGTEST", "AWS_SECRET_ACCESS_KEY": "flag-test-secret", "AWS_EC2_METADATA_DISABLED": "true",
            "SPARKDEPLOY_LOCK_DIR": NSTemporaryDirectory() + "locks-\(UUID().uuidString)",
        ].merging(extra) { _, new in new }
    }

    static let variables = [
        "AWS_REGION", "AWS_PROFILE", "AWS_ENDPOINT_URL_EMR", "SPARKDEPLOY_YARN_URL", "SPARKDEPLOY_YARN_USER",
        "SPARKDEPLOY_LOCK_STORE", "SPARKDEPLOY_LOCK_TTL", "SPARKDEPLOY_LOCK_WAIT", "SPARKDEPLOY_REATTACH",
    ]
    /// Lua printing `ENV` then each of ``variables`` as `env()` sees it (`-` when unset).
    static let printEnvironment = "print('ENV', " + variables.map { "env('\($0)', '-')" }.joined(separator: ", ") + ")"
    static let unset = "ENV\t" + variables.map { _ in "-" }.joined(separator: "\t")

    @Test("the flags reach EMR, YARN and the S3 lease, and env() shows none of them")
    func flagsReachTheClients() async throws {
        let sim = try await Simulator.start(SimulatorOptions(clock: ScaledClock(rate: 30)))
        defer { Task { await sim.stop() } }
        _ = await sim.createCluster(name: "flags-cluster")
        try await sim.createBucket("flag-locks")
        let script = """
            local l = lock("flags")
            print("STORE", l.store)
            print("CLUSTER", emr.cluster("flags-cluster").name)
            print("APPS", type(yarn.apps()))
            \(Self.printEnvironment)
            """
        let r = try await CLI.runDetached(
            [
                "exec", "--region", "eu-west-3", "--emr-endpoint", sim.emrEndpoint, "--yarn", sim.yarnEndpoints.joined(separator: ","),
                "--yarn-user", "ci", "--lock-store", "s3://flag-locks/ci", "--lock-ttl", "60", "--lock-wait", "1", "-e", script,
            ],
            environment: Self.environment(["AWS_ENDPOINT_URL_S3": sim.s3Endpoint]))
        #expect(r.status == 0, "\(r.output)")
        #expect(r.stdout.contains("STORE\ts3://flag-locks/ci"), "\(r.output)")
        #expect(r.stdout.contains("CLUSTER\tflags-cluster"), "\(r.output)")
        #expect(r.stdout.contains("APPS\ttable"), "\(r.output)")
        #expect(r.stdout.contains(Self.unset), "\(r.output)")
        let journals = await sim.snapshot().objects(in: "flag-locks", prefix: "ci/journal/")
        #expect(!journals.isEmpty, "the lease's journal is in the store --lock-store named")
    }

    @Test("run --resume and --abandon reach the lease as configuration", arguments: ["--resume", "--abandon"])
    func reattachIsConfiguration(flag: String) throws {
        let dir = try CLI.workspace(["r.lua": "recipe { description = \"prints env\" }\n" + Self.printEnvironment])
        let r = try CLI.run(["run", "r", flag], in: dir, environment: Self.environment())
        #expect(r.status == 0, "\(r.output)")
        #expect(r.stdout.contains(Self.unset), "\(r.output)")
    }

    @Test("emr.* rides out a burst of 4 throttled calls (5 attempts) unless AWS_MAX_ATTEMPTS says fewer")
    func emrAttempts() async throws {
        let sim = try await Simulator.start(SimulatorOptions(clock: ScaledClock(rate: 1)))
        defer { Task { await sim.stop() } }
        _ = await sim.createCluster(name: "throttled")
        let arguments = ["exec", "--region", "us-east-1", "--emr-endpoint", sim.emrEndpoint, "-e", "print('CLUSTERS', #emr.clusters())"]
        await sim.apply(.emrThrottling(operation: "ListClusters", count: 4))
        let rides = try await CLI.runDetached(arguments, environment: Self.environment())
        #expect(rides.status == 0 && rides.stdout.contains("CLUSTERS\t"), "\(rides.output)")
        await sim.apply(.emrThrottling(operation: "ListClusters", count: 4))
        let fewer = try await CLI.runDetached(arguments, environment: Self.environment(["AWS_MAX_ATTEMPTS": "2"]))
        #expect(fewer.status == 1 && fewer.output.contains("Throttl"), "\(fewer.output)")
    }
}
