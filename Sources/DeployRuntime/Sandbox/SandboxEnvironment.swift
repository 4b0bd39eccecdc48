import AWSCore
import ClusterSimulator
import Foundation
import LuaHost
import Logging
import SparkDeployCore

/// What `--sandbox` seeds so that a recipe finds what its params name: a cluster (by name)
/// running a streaming app (by name) from a previous build.
public struct SandboxSeed: Sendable {
    /// Cluster name to create if absent (a `j-…` id param is replaced by the seeded cluster's id).
    public var cluster: String
    /// Streaming application to start on it, if absent.
    public var app: String?
    /// Main class of the seeded app.
    public var mainClass: String
    /// Jar of the seeded ("previous") build.
    public var jar: String

    /// Creates a seed.
    public init(cluster: String, app: String?, mainClass: String = "com.example.StreamingJob", jar: String? = nil) {
        self.cluster = cluster
        self.app = app
        self.mainClass = mainClass
        self.jar = jar ?? "s3://sandbox-builds/\((app ?? "app").lowercased())-previous.jar"
    }

    /// The seed a recipe's params imply (`cluster`, `app`, `class`).
    public static func from(params: [String: String]) -> SandboxSeed {
        var cluster = params["cluster"] ?? "sandbox"
        if cluster.hasPrefix("j-") { cluster = "sandbox" }
        return SandboxSeed(cluster: cluster, app: params["app"], mainClass: params["class"] ?? "com.example.StreamingJob")
    }
}

/// The built-in simulator running in-process for `--sandbox` and `sparkdeploy sandbox`, with
/// the environment that points every client at it.
public final class SandboxEnvironment: Sendable {
    /// The running simulator.
    public let simulator: Simulator
    /// The variables that point clients at it (endpoint, region, dummy credentials).
    public let environment: [String: String]
    /// The seeded clusters' ids, one per seed, in the order the seeds were given.
    public let clusterIds: [String]
    /// The first seeded cluster's id, when a seed was given.
    public var clusterId: String? { clusterIds.first }
    /// The S3 bucket every sandbox creates at start, for leases and deploy journals.
    public static let bucket = "sparkdeploy-sandbox"
    /// The lock store in the sandbox's S3 (`SPARKDEPLOY_LOCK_STORE`).
    public static let lockStore = "s3://\(bucket)/locks"
    /// The sandbox's S3 endpoint, path-style (`AWS_ENDPOINT_URL_S3`; the EMR listener serves it).
    public var s3Endpoint: String { simulator.s3Endpoint }

    private init(simulator: Simulator, clusterIds: [String]) {
        self.simulator = simulator
        self.clusterIds = clusterIds
        self.environment = [
            "AWS_ENDPOINT_URL_EMR": simulator.emrEndpoint,
            "AWS_ENDPOINT_URL_S3": simulator.s3Endpoint,
            "SPARKDEPLOY_YARN_URL": simulator.yarnEndpoints.joined(separator: ","),
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_REGION": "us-east-1",
            "AWS_ACCESS_KEY_ID": "AKIDSANDBOXEXAMPLE",
            "AWS_SECRET_ACCESS_KEY": "sandbox-secret-not-a-real-key",
            "AWS_EC2_METADATA_DISABLED": "true",
        ]
    }

    /// Loads a scenario by shipped name or file path; `"${param}"` strings in it take the recipe's
    /// param values (so a scenario can say "the build being deployed": `"build": "${jar}"`).
    public static func scenario(_ nameOrPath: String?, parameters: [String: String] = [:]) throws -> Scenario {
        guard let nameOrPath else { return .standard }
        if nameOrPath.hasSuffix(".json") || nameOrPath.contains("/") { return try Scenario.load(path: nameOrPath, parameters: parameters) }
        return try Scenario.named(nameOrPath, parameters: parameters)
    }

    /// Starts the simulator (loopback, free ports) on `clock` and applies `seed`. Blocks the
    /// calling thread, which must not be a Swift-concurrency worker (the CLI's main thread is fine).
    public static func start(scenario: Scenario, clock: ScaledClock, port: Int = 0, seed: SandboxSeed?) throws -> SandboxEnvironment {
        try start(scenario: scenario, clock: clock, port: port, seeds: seed.map { [$0] } ?? [])
    }

    /// Starts the simulator and applies every seed (a fan-out seeds one cluster and app per target;
    /// seeds naming the same cluster share it).
    public static func start(scenario: Scenario, clock: ScaledClock, port: Int = 0, seeds: [SandboxSeed]) throws -> SandboxEnvironment {
        let outcome = BlockingBridge.run(token: nil) { () async throws -> SandboxEnvironment in
            var quiet = Logger(label: "sparkdeploy.sandbox")
            quiet.logLevel = .critical
            let yarnPorts = port > 0 ? (0..<max(1, scenario.resourceManagers)).map { port + 1 + $0 } : []
            let simulator = try await Simulator.start(SimulatorOptions(clock: clock, scenario: scenario, emrPort: port,
                                                                       yarnPorts: yarnPorts, logger: quiet))
            do {
                try await simulator.createBucket(bucket)
                var clusterIds: [String] = []
                let snapshot = await simulator.snapshot()
                var clusters: [String: String] = [:]
                for cluster in snapshot.clusters where !cluster.state.hasPrefix("TERMINAT") { clusters[cluster.name] = clusters[cluster.name] ?? cluster.id }
                var apps = Set(snapshot.apps.filter { $0.state == "RUNNING" || $0.state == "ACCEPTED" }.map(\.name))
                for seed in seeds {
                    let id: String
                    if let known = clusters[seed.cluster] { id = known } else {
                        id = await simulator.createCluster(name: seed.cluster)
                        clusters[seed.cluster] = id
                    }
                    clusterIds.append(id)
                    if let app = seed.app, !apps.contains(app) {
                        _ = try await simulator.startStreamingJob(clusterId: id, name: app, jar: seed.jar, mainClass: seed.mainClass)
                        apps.insert(app)
                    }
                }
                return SandboxEnvironment(simulator: simulator, clusterIds: clusterIds)
            } catch {
                await simulator.stop()
                throw error
            }
        }
        switch outcome {
        case .success(let environment): return environment
        case .failure(let error): throw error
        case .cancelled(let reason): throw HostError(kind: .cancelled, message: reason.description)
        }
    }

    /// The simulator's state now (blocking).
    public func snapshot() -> SimulatorSnapshot? {
        let simulator = self.simulator
        if case .success(let s) = BlockingBridge.run(token: nil, { await simulator.snapshot() }) { return s }
        return nil
    }

    /// What changed between two snapshots, in clusters, steps and apps (ids and states); empty when nothing did.
    public static func changes(from before: SimulatorSnapshot, to after: SimulatorSnapshot) -> [String] {
        var out: [String] = []
        let clustersBefore = Dictionary(before.clusters.map { ($0.id, $0.state) }, uniquingKeysWith: { a, _ in a })
        for c in after.clusters where clustersBefore[c.id] != c.state { out.append("cluster \(c.id): \(clustersBefore[c.id] ?? "new") → \(c.state)") }
        let stepsBefore = Dictionary(before.steps.map { ($0.id, $0.state) }, uniquingKeysWith: { a, _ in a })
        for s in after.steps where stepsBefore[s.id] != s.state { out.append("step \(s.id): \(stepsBefore[s.id] ?? "new") → \(s.state)") }
        let appsBefore = Dictionary(before.apps.map { ($0.id, $0.state) }, uniquingKeysWith: { a, _ in a })
        for a in after.apps where appsBefore[a.id] != a.state { out.append("app \(a.id): \(appsBefore[a.id] ?? "new") → \(a.state)") }
        return out
    }

    /// Stops the simulator (blocking).
    public func stop() {
        let simulator = self.simulator
        _ = BlockingBridge.run(token: nil) { await simulator.stop() }
    }
}

extension RunConfiguration {
    /// Points this run at `sandbox`: its endpoints and dummy credentials, and its virtual clock. The lock store
    /// is always the sandbox's (``SandboxEnvironment/lockStore``), so every sandbox run exercises the lease
    /// and the deploy journal, and never touches a real bucket.
    public mutating func useSandbox(_ sandbox: SandboxEnvironment, clock: ScaledClock) {
        for (key, value) in sandbox.environment { environment[key] = value }
        connection.yarnURLs = sandbox.simulator.yarnEndpoints.joined(separator: ",")
        connection.aws = AWSConnectionSettings(region: "us-east-1", emrEndpoint: sandbox.simulator.emrEndpoint,
                                               s3Endpoint: sandbox.simulator.s3Endpoint,
                                               credentials: AWSCredentials(accessKeyID: "AKIDSANDBOXEXAMPLE",
                                                                           secretAccessKey: "sandbox-secret-not-a-real-key"))
        connection.lease.store = SandboxEnvironment.lockStore
        // Every sandbox run takes its lease and keeps its journal in the sandbox's S3 (never a real bucket).
        environment["SPARKDEPLOY_LOCK_STORE"] = SandboxEnvironment.lockStore
        for key in ["AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_ENDPOINT_URL",
                    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "YARN_CONF_DIR", "HADOOP_CONF_DIR"] {
            environment.removeValue(forKey: key)
        }
        self.clock = clock
    }
}
