import AWSCore
import ClusterSimulator
import DeployRuntime
import Foundation
import Logging
import LuaHost
import SparkDeployCore

/// A rehearsal: the built-in simulator running in-process for `--sandbox` and `sparkdeploy sandbox`, seeded
/// with what the recipe's params name, and the ``ConnectionSettings`` that point every client at it:
/// explicit endpoints, a region and static credentials, so no profile, web identity, instance metadata or
/// Hadoop configuration is consulted, and nothing real is touched.
public final class RehearsalCluster: Sendable {
    /// The running simulator.
    public let simulator: Simulator
    /// The seeded clusters' ids, one per seed, in the order the seeds were given.
    public let clusterIds: [String]
    /// The first seeded cluster's id, when a seed was given.
    public var clusterId: String? { clusterIds.first }
    /// The S3 bucket every rehearsal creates at start, for leases and deploy journals.
    public static let bucket = "sparkdeploy-sandbox"
    /// The lock store in the rehearsal's S3.
    public static let lockStore = "s3://\(bucket)/sparkdeploy"
    /// The region the simulator answers for.
    public static let region = "us-east-1"
    /// The dummy credentials the simulator accepts (nothing checks them; they sign like real ones).
    public static let credentials = AWSCredentials(accessKeyID: "AKIDSANDBOXEXAMPLE", secretAccessKey: "sandbox-secret-not-a-real-key")
    /// The rehearsal's S3 endpoint, path-style (the EMR listener serves it).
    public var s3Endpoint: String { simulator.s3Endpoint }

    /// How a run's clients reach this rehearsal: its EMR, S3, YARN, WebHDFS and Livy endpoints, its region, the dummy
    /// static credentials and its lock store.
    public var connection: ConnectionSettings {
        var connection = ConnectionSettings()
        connection.yarnURLs = simulator.yarnEndpoints.joined(separator: ",")
        connection.webhdfsURLs = connection.yarnURLs  // the simulator serves WebHDFS on every RM listener
        connection.livyURL = simulator.livyEndpoint
        connection.aws = AWSConnectionSettings(
            region: Self.region, emrEndpoint: simulator.emrEndpoint, s3Endpoint: simulator.s3Endpoint,
            credentials: Self.credentials)
        connection.lease.store = Self.lockStore
        return connection
    }

    /// The `export NAME=value` pairs that point other tools (the aws CLI, boto3, curl, another sparkdeploy)
    /// at a rehearsal serving EMR and S3 on `emr`, YARN on `yarn` and Livy on `livy`.
    /// `clock`, when given, is the running sandbox's: exported as ``SandboxClock`` so that runs against it
    /// wait and read `now()` on its virtual time.
    public static func exports(emr: String, yarn: [String], livy: String, clock: ScaledClock? = nil) -> [(name: String, value: String)] {
        var exports = [
            ("AWS_ENDPOINT_URL_EMR", emr), ("AWS_ENDPOINT_URL_S3", emr), ("SPARKDEPLOY_YARN_URL", yarn.joined(separator: ",")),
            ("SPARKDEPLOY_WEBHDFS_URL", yarn.joined(separator: ",")), ("SPARKDEPLOY_LIVY_URL", livy),
            ("SPARKDEPLOY_LOCK_STORE", lockStore), ("AWS_DEFAULT_REGION", region), ("AWS_ACCESS_KEY_ID", credentials.accessKeyID),
            ("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey),
        ]
        if let clock { exports.append((SandboxClock.variable, SandboxClock(clock).text)) }
        return exports
    }

    private init(simulator: Simulator, clusterIds: [String]) {
        self.simulator = simulator
        self.clusterIds = clusterIds
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
    public static func start(scenario: Scenario, clock: ScaledClock, port: Int = 0, seed: RehearsalSeed?) throws -> RehearsalCluster {
        try start(scenario: scenario, clock: clock, port: port, seeds: seed.map { [$0] } ?? [])
    }

    /// Starts the simulator and applies every seed (a fan-out seeds one cluster and app per target;
    /// seeds naming the same cluster share it).
    public static func start(scenario: Scenario, clock: ScaledClock, port: Int = 0, seeds: [RehearsalSeed]) throws -> RehearsalCluster {
        let outcome = BlockingBridge.run(token: nil) { () async throws -> RehearsalCluster in
            var quiet = Logger(label: "sparkdeploy.rehearsal")
            quiet.logLevel = .critical
            let yarnPorts = port > 0 ? (0..<max(1, scenario.resourceManagers)).map { port + 1 + $0 } : []
            let livyPort = port > 0 ? livyPort(emrPort: port, scenario: scenario) : 0
            // Faults that pick builds act on the apps started after seeding: the seeded previous build runs
            // normally even when a fault names every build (a standalone sandbox has no `jar` to name).
            var world = scenario
            let buildFaults = world.faults.filter(Self.picksBuilds)
            world.faults.removeAll(where: Self.picksBuilds)
            let simulator = try await Simulator.start(
                SimulatorOptions(
                    clock: clock, scenario: world, emrPort: port,
                    yarnPorts: yarnPorts, livyPort: livyPort, logger: quiet))
            do {
                try await simulator.createBucket(bucket)
                var clusterIds: [String] = []
                let snapshot = await simulator.snapshot()
                var clusters: [String: String] = [:]
                for cluster in snapshot.clusters where !cluster.state.hasPrefix("TERMINAT") {
                    clusters[cluster.name] = clusters[cluster.name] ?? cluster.id
                }
                var apps = Set(snapshot.apps.filter { $0.state == "RUNNING" || $0.state == "ACCEPTED" }.map(\.name))
                for seed in seeds where world.isYARNOnly {
                    // No EMR: the seeded previous build runs as a Livy batch, as it would have been submitted.
                    if let app = seed.app, !apps.contains(app) {
                        if let checkpoint = seed.checkpoint {
                            try? await simulator.seedCheckpoint(checkpoint, committedBatches: RehearsalSeed.seededCommittedBatches)
                        }
                        _ = try await simulator.startLivyBatch(
                            name: app, file: seed.jar, className: seed.mainClass, conf: seed.streamingConf)
                        apps.insert(app)
                    }
                }
                for seed in seeds where !world.isYARNOnly {
                    let id: String
                    if let known = clusters[seed.cluster] {
                        id = known
                    } else {
                        id = await simulator.createCluster(name: seed.cluster)
                        clusters[seed.cluster] = id
                    }
                    clusterIds.append(id)
                    if let app = seed.app, !apps.contains(app) {
                        if let checkpoint = seed.checkpoint {
                            // A location the simulator cannot serve is left to the recipe's preflight to report.
                            try? await simulator.seedCheckpoint(checkpoint, committedBatches: RehearsalSeed.seededCommittedBatches)
                        }
                        _ = try await simulator.startStreamingJob(
                            clusterId: id, name: app, jar: seed.jar, mainClass: seed.mainClass, conf: seed.streamingConf)
                        apps.insert(app)
                    }
                }
                for fault in buildFaults { await simulator.apply(fault) }
                return RehearsalCluster(simulator: simulator, clusterIds: clusterIds)
            } catch {
                await simulator.stop()
                throw error
            }
        }
        switch outcome {
        case .success(let rehearsal): return rehearsal
        case .failure(let error): throw error
        case .cancelled(let reason): throw HostError(kind: .cancelled, message: reason.description)
        }
    }

    /// The Livy port of a sandbox whose EMR listener is on `emrPort` (> 0): the port after its RMs'.
    public static func livyPort(emrPort: Int, scenario: Scenario) -> Int {
        emrPort + 1 + max(1, scenario.resourceManagers)
    }

    /// Whether a fault acts on apps by build when they are submitted (crash loops, failed starts, driver
    /// behaviours, stop markers, checkpoints), as opposed to faults of the services themselves.
    static func picksBuilds(_ fault: Fault) -> Bool {
        switch fault {
        case .appCrashLoop, .appFailsToStart, .sparkBehaviour, .markerIgnored, .checkpointIncompatible: return true
        default: return false
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
        for c in after.clusters where clustersBefore[c.id] != c.state {
            out.append("cluster \(c.id): \(clustersBefore[c.id] ?? "new") → \(c.state)")
        }
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
