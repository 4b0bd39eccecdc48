import ClusterSimulator
import Foundation
import SparkDeployCore

/// Runs one recipe through the built binary against a fresh simulator in one fault scenario, and reads
/// what happened from the simulator's own state afterwards (never from the recipe's word).
struct ReliabilityRun: Sendable {
    static let newJar = "s3://builds/aggregator-1.4.2.jar"
    static let oldJar = "s3://builds/aggregator-1.4.1.jar"
    static let app = "Aggregator"

    /// What a run left behind.
    struct Outcome: Sendable {
        var exit: Int32
        /// "new", "previous" or the jar, for each copy of the app that is ACCEPTED or RUNNING afterwards.
        var running: [String]
        /// Steps whose arguments carry the new build.
        var newSteps: Int
        var output: String
        /// Pairs of copies of the app that were alive at the same time during the run ("a and b").
        var overlaps: [String] = []

        /// Where this outcome differs from `expected`; empty when it matches in every field.
        func problems(against expected: ExpectedOutcome) -> [String] {
            var found: [String] = []
            if exit != expected.exit { found.append("exit \(exit), expected \(expected.exit)") }
            let wanted: [String]
            switch expected.running {
            case .new: wanted = ["new"]
            case .previous: wanted = ["previous"]
            case .none: wanted = []
            }
            if running != wanted { found.append("RUNNING afterwards \(running), expected \(wanted)") }
            if newSteps != expected.newSteps { found.append("\(newSteps) new-build steps, expected \(expected.newSteps)") }
            for text in expected.says where !output.contains(text) { found.append("output does not say “\(text)”") }
            // A deploy never runs two copies at once: the old one is stopped before the new one is
            // submitted, a failed new one before the previous build comes back.
            for pair in overlaps { found.append("two copies alive at once: \(pair)") }
            return found
        }

        /// One line for the matrix page.
        var summary: String {
            let runs = running.isEmpty ? "nothing RUNNING" : "RUNNING: " + running.joined(separator: ", ")
            return "exit \(exit), \(runs), \(newSteps) new-build step\(newSteps == 1 ? "" : "s")"
        }
    }

    /// How a recipe is set up and called.
    struct Invocation: Sendable {
        /// The recipe's name, or a path to a recipe file.
        var recipe: String
        /// Params beyond cluster and app.
        var params: [String]
        /// Whether the previous build is started before the run when the scenario does not run one already.
        var seedsPreviousBuild: Bool
        /// The previous build's checkpoint and stop marker (drain rows): seeded with five committed batches.
        var streaming: (checkpoint: String, marker: String)? = nil
    }

    /// The drain rows' checkpoint and stop marker, in the simulator's S3.
    static let drainStorage = (checkpoint: "s3://checkpoints/aggregator", marker: "s3://checkpoints/aggregator.stop")

    static let buildParams = ["-p", "jar=\(newJar)", "-p", "class=com.acme.Aggregator"]
    static let deployTimes = ["-p", "settle=3", "-p", "ready_timeout=60"]

    /// How each shipped recipe is called in the matrix.
    static func invocation(of recipe: String) -> Invocation {
        switch recipe {
        case "redeploy-streaming", "redeploy-via-cancel":
            return Invocation(recipe: recipe, params: buildParams + deployTimes, seedsPreviousBuild: true)
        case "redeploy-streaming+drain":
            let storage = drainStorage
            return Invocation(
                recipe: "redeploy-streaming",
                params: buildParams + deployTimes + [
                    "-p", "checkpoint=\(storage.checkpoint)", "-p", "marker=\(storage.marker)", "-p", "grace=3",
                ],
                seedsPreviousBuild: true, streaming: storage)
        case "submit":
            return Invocation(recipe: recipe, params: buildParams + deployTimes, seedsPreviousBuild: false)
        case "recreate-cluster":
            return Invocation(
                recipe: recipe,
                params: buildParams + deployTimes + [
                    "-p", "spec=examples/cluster-spec.json",
                    "-p", "create_timeout=120",
                ],
                seedsPreviousBuild: true)
        case "graceful-stop":
            return Invocation(recipe: recipe, params: ["-p", "grace=10"], seedsPreviousBuild: true)
        default:
            return Invocation(recipe: recipe, params: [], seedsPreviousBuild: true)
        }
    }

    /// Runs `invocation` in `scenario` and returns what the simulator shows afterwards.
    static func run(_ invocation: Invocation, in scenario: String, environment extra: [String: String] = [:]) async throws -> Outcome {
        let parameters = ["jar": newJar, "cluster": "streaming-prod", "app": app]
        let world = try scenarioNamed(scenario, parameters: parameters)
        if world.isYARNOnly { return try await runOnYARN(invocation, in: world, environment: extra) }
        let sim = try await Simulator.start(
            SimulatorOptions(
                clock: ScaledClock(rate: 30),
                scenario: world))
        defer { Task { await sim.stop() } }
        let before = await sim.snapshot()
        // The cluster already running the app (scenarios name their own), else streaming-prod.
        let runningBefore = before.apps.first { $0.name == app && $0.state == "RUNNING" }
        let clusterName: String
        if let runningBefore, let step = before.steps.first(where: { $0.id == runningBefore.stepId }),
            let cluster = before.clusters.first(where: { $0.id == step.clusterId })
        {
            clusterName = cluster.name
        } else {
            clusterName = "streaming-prod"
            if !before.clusters.contains(where: { $0.name == clusterName }) { _ = await sim.createCluster(name: clusterName) }
        }
        if runningBefore == nil && invocation.seedsPreviousBuild {
            let clusterId = await sim.snapshot().clusters.first { $0.name == clusterName }?.id ?? ""
            var conf: [String: String] = [:]
            if let streaming = invocation.streaming {
                try await sim.seedCheckpoint(streaming.checkpoint, committedBatches: 5)
                conf = [StreamingConf.checkpointLocation: streaming.checkpoint, StreamingConf.stopMarker: streaming.marker]
            }
            _ = try await sim.startStreamingJob(
                clusterId: clusterId, name: app, jar: oldJar, mainClass: "com.acme.Aggregator", conf: conf)
        }
        let seeded = await sim.snapshot()
        let previousJars = Set(seeded.apps.filter { $0.name == app && $0.state == "RUNNING" }.map { jar(of: $0, in: seeded) })

        let env = [
            "AWS_ENDPOINT_URL_EMR": sim.emrEndpoint, "SPARKDEPLOY_YARN_URL": sim.yarnEndpoints.joined(separator: ","),
            "AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "test-secret-key", "AWS_REGION": "us-east-1",
            "AWS_EC2_METADATA_DISABLED": "true", "SPARKDEPLOY_LOCK_DIR": NSTemporaryDirectory() + "locks-\(UUID().uuidString)",
            "AWS_ENDPOINT_URL_S3": sim.s3Endpoint, "SPARKDEPLOY_WEBHDFS_URL": sim.yarnEndpoints.joined(separator: ","),
        ]
        let environment = env.merging(extra) { _, explicit in explicit }.filter { !$0.value.isEmpty }
        var arguments = ["run", invocation.recipe]
        if invocation.recipe != "hello" { arguments += ["-p", "cluster=\(clusterName)", "-p", "app=\(app)"] }
        arguments += invocation.params + ["--timeout", "120"]
        let result = try await CLI.runDetached(arguments, environment: environment)

        let after = await sim.snapshot()
        let running = after.apps.filter { $0.name == app && ($0.state == "RUNNING" || $0.state == "ACCEPTED") }.map { copy in
            let jar = jar(of: copy, in: after)
            return jar == newJar ? "new" : previousJars.contains(jar) ? "previous" : jar
        }
        let newSteps = after.steps.filter { $0.args.contains(newJar) }.count
        return Outcome(
            exit: result.status, running: running, newSteps: newSteps, output: result.stderr + result.stdout,
            overlaps: overlaps(of: after.apps.filter { $0.name == app }, startedBefore: seeded))
    }

    /// The pairs of `copies` whose lifetimes (accepted → final state) overlap, where at least one of
    /// the two was submitted during the run (copies that ran together before it are the scenario's).
    static func overlaps(of copies: [SimulatorSnapshot.App], startedBefore seeded: SimulatorSnapshot) -> [String] {
        let seededIds = Set(seeded.apps.map(\.id))
        var found: [String] = []
        for (i, a) in copies.enumerated() {
            for b in copies[(i + 1)...] where !(seededIds.contains(a.id) && seededIds.contains(b.id)) {
                guard let aStart = a.startedTime, let bStart = b.startedTime else { continue }
                let aEnd = a.finishedTime ?? .infinity
                let bEnd = b.finishedTime ?? .infinity
                if aStart < bEnd && bStart < aEnd { found.append("\(a.id) and \(b.id)") }
            }
        }
        return found
    }

    /// A shipped scenario by name, or a test fixture (`Tests/CLITests/Fixtures/NAME.json`) when the name ends in `.json`.
    static func scenarioNamed(_ name: String, parameters: [String: String]) throws -> Scenario {
        guard name.hasSuffix(".json") else { return try Scenario.named(name, parameters: parameters) }
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
        return try Scenario.load(path: fixtures.appendingPathComponent(name).path, parameters: parameters)
    }

    /// The build (jar) an app was started from, read from its EMR step's spark-submit arguments.
    static func jar(of app: SimulatorSnapshot.App, in snapshot: SimulatorSnapshot) -> String {
        snapshot.steps.first { $0.id == app.stepId }?.args.last { $0.hasSuffix(".jar") } ?? "unknown build"
    }
}

extension ReliabilityRun {
    /// Makes sure `sim` has the cluster `streaming-prod` running the previous build of the app (the scenario's
    /// own, or one started here), and returns the snapshot after.
    static func seedPreviousBuild(_ sim: Simulator) async throws -> SimulatorSnapshot {
        let before = await sim.snapshot()
        let clusterId: String
        if let existing = before.clusters.first(where: { $0.name == "streaming-prod" })?.id {
            clusterId = existing
        } else {
            clusterId = await sim.createCluster(name: "streaming-prod")
        }
        if !before.apps.contains(where: { $0.name == app && $0.state == "RUNNING" }) {
            _ = try await sim.startStreamingJob(clusterId: clusterId, name: app, jar: oldJar, mainClass: "com.acme.Aggregator")
        }
        return await sim.snapshot()
    }
}
