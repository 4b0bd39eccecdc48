import ClusterSimulator
import Foundation
import SparkDeployCore
import TestSupport
import Testing

/// The shipped recipes on YARN without EMR (issue 17): no `-p cluster`, a ResourceManager and Livy (from the
/// sandbox's exports or `-p rm=… -p livy=…`). Judged from the simulator's own state over HTTP where it can be.
@Suite("YARN without EMR", .serialized)
struct YARNOnlyDeployTests {
    static let newJar = "hdfs:///jobs/aggregator-1.4.2.jar"
    static let badJar = "hdfs:///jobs/aggregator-bad-1.4.3.jar"
    static let build = ["-p", "class=com.acme.Aggregator", "-p", "ready_timeout=60"]

    /// The summary's `now:` line with application ids' cluster timestamps masked (they differ between sandboxes).
    static func nowLine(_ output: String) -> String? {
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("now: ") }) else { return nil }
        return String(line).replacingOccurrences(of: #"application_\d+_"#, with: "application_*_", options: .regularExpression)
    }

    static let replacedNow = "now: 1 copy of Aggregator running (application_*_0002, build \(newJar), Livy batch 1)"

    @Test("redeploy-streaming --sandbox --scenario yarn-only replaces the Livy-submitted app and verifies the new build")
    func redeployInTheSandbox() throws {
        let r = try CLI.run(
            ["run", "redeploy-streaming", "--sandbox", "--scenario", "yarn-only", "-p", "app=Aggregator", "-p", "jar=\(Self.newJar)"]
                + Self.build + ["-p", "settle=3"])
        #expect(r.status == 0, "\(r.output)")
        #expect(r.stderr.contains("platform=\"yarn (no EMR)\""), "\(r.stderr)")
        #expect(r.stderr.contains("yarn.kill application_"), "\(r.stderr)")
        #expect(r.stderr.contains("livy.submit Aggregator-"), "\(r.stderr)")
        #expect(!r.stderr.contains("emr."), "\(r.stderr)")
        #expect(Self.nowLine(r.stderr) == Self.replacedNow, "\(r.stderr)")
    }

    @Test("with -p rm and -p livy: the old app KILLED, one new RUNNING copy tagged with the new build, the old batch ended")
    func redeployJudgedFromTheSimulator() async throws {
        let sim = try await Simulator.start(SimulatorOptions(clock: ScaledClock(rate: 30), scenario: try Scenario.named("yarn-only")))
        defer { Task { await sim.stop() } }
        let before = await sim.snapshot()
        let old = try #require(before.apps.first { $0.name == "Aggregator" && $0.state == "RUNNING" })
        let r = try await CLI.runDetached(
            [
                "run", "redeploy-streaming", "-p", "rm=\(sim.yarnEndpoints.joined(separator: ","))", "-p", "livy=\(sim.livyEndpoint)",
                "-p", "app=Aggregator", "-p", "jar=\(Self.newJar)", "-p", "settle=3",
            ] + Self.build,
            environment: [
                "SPARKDEPLOY_YARN_URL": "", "SPARKDEPLOY_LIVY_URL": "",
                "SPARKDEPLOY_LOCK_DIR": NSTemporaryDirectory() + "locks-\(UUID().uuidString)",
            ])
        #expect(r.status == 0, "\(r.output)")
        let after = await sim.snapshot()
        #expect(after.apps.first { $0.id == old.id }?.state == "KILLED")
        let running = after.apps.filter { $0.state == "RUNNING" || $0.state == "ACCEPTED" }
        #expect(running.count == 1, "\(running)")
        let digest = try await ReliabilityRun.digest(of: Self.newJar)
        let tags = running.first?.tags ?? []
        #expect(tags.contains("sparkdeploy-build:\(digest)"), "\(tags)")
        #expect(tags.contains("sparkdeploy-app:aggregator"), "\(tags)")
        #expect(running.first?.name.hasPrefix("Aggregator-") == true)
        let batch = try await CLI.runDetached(["exec", "--livy", sim.livyEndpoint, "-e", "return livy.server():state(0)"])
        #expect(batch.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "killed", "\(batch.output)")
    }

    /// A standalone `sparkdeploy sandbox` and runs of the binary against it, each with a lock folder of its own.
    struct Standalone {
        let sandbox: StandaloneSandbox

        init(_ arguments: [String]) throws {
            sandbox = try StandaloneSandbox(binary: CLI.binary, arguments: arguments, directory: CLI.packageRoot)
        }

        func run(_ arguments: [String]) throws -> CLIResult {
            try CLI.run(
                arguments,
                environment: sandbox.environment.merging(["SPARKDEPLOY_LOCK_DIR": NSTemporaryDirectory() + "locks-\(UUID().uuidString)"]) {
                    a, _ in a
                })
        }

        /// `-p rm=… -p livy=…` from the sandbox's exports.
        var target: [String] {
            [
                "-p", "rm=\(sandbox.environment["SPARKDEPLOY_YARN_URL"] ?? "")", "-p",
                "livy=\(sandbox.environment["SPARKDEPLOY_LIVY_URL"] ?? "")",
            ]
        }
    }

    @Test("the same redeploy against a standalone sandbox --scenario yarn-only ends the same way")
    func redeployAgainstAStandaloneSandbox() throws {
        let sandbox = try Standalone(["--scenario", "yarn-only", "--speed", "30"])
        #expect(sandbox.sandbox.environment["SPARKDEPLOY_LIVY_URL"] != nil)
        let r = try sandbox.run(
            ["run", "redeploy-streaming"] + sandbox.target + ["-p", "app=Aggregator", "-p", "jar=\(Self.newJar)", "-p", "settle=3"]
                + Self.build)
        #expect(r.status == 0, "\(r.output)")
        #expect(Self.nowLine(r.stderr) == Self.replacedNow, "\(r.stderr)")
        let apps = try sandbox.run(["exec", "-e", "return #yarn.apps{states={'RUNNING','ACCEPTED'}}"])
        #expect(apps.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "\(apps.output)")
    }

    @Test("a crash-looping new build on YARN is rolled back to the previous build, known from the deploy journal")
    func crashLoopRollsBack() throws {
        let fixture = CLI.packageRoot.appendingPathComponent("Tests/CLITests/Fixtures/yarn-only-bad-build-crash-loop.json").path
        let sandbox = try Standalone(["--scenario", fixture, "--speed", "30"])
        let good = try sandbox.run(
            ["run", "redeploy-streaming", "-p", "app=Aggregator", "-p", "jar=\(Self.newJar)", "-p", "settle=3"] + Self.build)
        #expect(good.status == 0, "\(good.output)")
        let bad = try sandbox.run(
            ["run", "redeploy-streaming", "-p", "app=Aggregator", "-p", "jar=\(Self.badJar)", "-p", "settle=40"] + Self.build)
        #expect(bad.status == 1, "\(bad.output)")
        #expect(bad.stderr.contains("current deployment") && bad.stderr.contains("build=\(Self.newJar)"), "\(bad.stderr)")
        #expect(bad.stderr.contains("rolled back to \(Self.newJar)"), "\(bad.stderr)")
        #expect(bad.stderr.contains("why:"), "\(bad.stderr)")
        #expect(Self.nowLine(bad.stderr)?.contains("1 copy of Aggregator running") == true, "\(bad.stderr)")
        #expect(Self.nowLine(bad.stderr)?.contains("build \(Self.newJar)") == true, "\(bad.stderr)")
        let lua = """
            local out = {}
            for _, a in ipairs(yarn.apps{states={'RUNNING','ACCEPTED'}}) do out[#out + 1] = a.name end
            return #out
            """
        let apps = try sandbox.run(["exec", "-e", lua])
        #expect(apps.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "\(apps.output)")
    }

    @Test(
        "EMR-only recipes refuse a YARN-only target at once: exit 2, nothing touched",
        arguments: [
            ["redeploy-via-cancel", "-p", "jar=\(newJar)", "-p", "class=com.acme.Aggregator"],
            ["recreate-cluster", "-p", "jar=\(newJar)", "-p", "class=com.acme.Aggregator", "-p", "spec=examples/cluster-spec.json"],
        ])
    func emrOnlyRecipesRefuse(arguments: [String]) throws {
        let r = try CLI.run(["run", arguments[0], "--sandbox", "--scenario", "yarn-only", "-p", "app=Aggregator"] + arguments.dropFirst())
        #expect(r.status == 2, "\(r.output)")
        #expect(r.stderr.contains("\(arguments[0]) is EMR-only"), "\(r.stderr)")
        #expect(!r.stderr.contains("mutation"), "\(r.stderr)")
    }

    @Test("a YARN-only target without a submitter, or without any target, says what is missing")
    func missingPiecesAreNamed() throws {
        let noLivy = try CLI.run(
            ["run", "status", "-p", "app=Aggregator", "-p", "rm=http://127.0.0.1:9"],
            environment: ["SPARKDEPLOY_LIVY_URL": "", "SPARKDEPLOY_LOCK_DIR": NSTemporaryDirectory() + "locks-\(UUID().uuidString)"])
        #expect(noLivy.status == 1, "\(noLivy.output)")
        #expect(noLivy.stderr.contains("no submitter; give -p livy=URL"), "\(noLivy.stderr)")
        let nothing = try CLI.run(
            ["run", "status", "-p", "app=Aggregator"],
            environment: [
                "SPARKDEPLOY_YARN_URL": "", "SPARKDEPLOY_LIVY_URL": "", "YARN_CONF_DIR": "", "HADOOP_CONF_DIR": "",
                "SPARKDEPLOY_LOCK_DIR": NSTemporaryDirectory() + "locks-\(UUID().uuidString)",
            ])
        #expect(nothing.status == 1, "\(nothing.output)")
        #expect(nothing.stderr.contains("no target: give -p cluster="), "\(nothing.stderr)")
        let spark = try CLI.run(
            [
                "run", "redeploy-streaming", "--sandbox", "--scenario", "yarn-only", "-p", "app=Aggregator", "-p", "jar=\(Self.newJar)",
                "-p", "submit=spark-submit",
            ] + Self.build)
        #expect(spark.status == 2, "\(spark.output)")
        #expect(spark.stderr.contains("spark-submit route needs --allow-exec"), "\(spark.stderr)")
        #expect(!spark.stderr.contains("yarn.kill"), "\(spark.stderr)")
        let missing = try CLI.run(
            [
                "run", "redeploy-streaming", "--sandbox", "--scenario", "yarn-only", "--allow-exec", "-p", "app=Aggregator",
                "-p", "jar=\(Self.newJar)", "-p", "submit=spark-submit",
            ] + Self.build, environment: ["SPARK_HOME": NSTemporaryDirectory() + "no-spark-\(UUID().uuidString)"])
        #expect(missing.status == 2, "\(missing.output)")
        #expect(missing.stderr.contains("/bin/spark-submit not found"), "\(missing.stderr)")
        #expect(!missing.stderr.contains("yarn.kill"), "\(missing.stderr)")
    }

    @Test("the spark-submit route replaces the app: spark-submit runs with the build, its application id is verified RUNNING")
    func sparkSubmitRoute() throws {
        let sandbox = try Standalone(["--scenario", "yarn-only", "--speed", "30"])
        let sparkHome = CLI.packageRoot.appendingPathComponent("Tests/CLITests/Fixtures/spark-home").path
        let r = try CLI.run(
            [
                "run", "redeploy-streaming", "--allow-exec", "-p", "rm=\(sandbox.sandbox.environment["SPARKDEPLOY_YARN_URL"] ?? "")",
                "-p", "submit=spark-submit", "-p", "app=Aggregator", "-p", "jar=\(Self.newJar)", "-p", "settle=3",
            ] + Self.build,
            environment: sandbox.sandbox.environment.merging([
                "SPARK_HOME": sparkHome, "SPARKDEPLOY_LOCK_DIR": NSTemporaryDirectory() + "locks-\(UUID().uuidString)",
            ]) { _, b in b })
        #expect(r.status == 0, "\(r.output)")
        #expect(r.stderr.contains("spark-submit started"), "\(r.stderr)")
        #expect(r.stderr.contains("--master yarn --deploy-mode cluster"), "\(r.stderr)")
        #expect(Self.nowLine(r.stderr)?.contains("1 copy of Aggregator running") == true, "\(r.stderr)")
        let lua = """
            local out = {}
            for _, a in ipairs(yarn.apps{states={'RUNNING','ACCEPTED'}}) do
              out[#out + 1] = a.name .. " " .. table.concat(a.tags, ",")
            end
            return #out, out[1]
            """
        let apps = try sandbox.run(["exec", "-e", lua])
        #expect(apps.stdout.hasPrefix("1\tAggregator-"), "\(apps.output)")
        #expect(apps.stdout.contains("sparkdeploy-app:aggregator") || apps.stdout.contains("sparkdeploy-app:Aggregator"), "\(apps.output)")
    }

    @Test("status on a YARN-only target lists the app's Livy batches and YARN apps")
    func status() throws {
        let r = try CLI.run(["run", "status", "--sandbox", "--scenario", "yarn-only", "-p", "app=Aggregator"])
        #expect(r.status == 0, "\(r.output)")
        #expect(r.stdout.contains("(no EMR), submit via livy http://127.0.0.1:"), "\(r.stdout)")
        #expect(r.stdout.range(of: #"batch\s+0\s+running\s+Aggregator application_"#, options: .regularExpression) != nil, "\(r.stdout)")
        #expect(r.stdout.range(of: #"app\s+application_\d+_0001\s+RUNNING"#, options: .regularExpression) != nil, "\(r.stdout)")
    }
}
