import ClusterSimulator
import Foundation
import SparkDeployCore
import Testing

/// The reliability matrix: each deploy recipe under each fault scenario, run through the built
/// binary against a simulator this test owns, then judged from the simulator's own state.
/// Every row must end in "exactly one intended app RUNNING" or "non-zero exit, state reported,
/// nothing duplicated". The table is docs/reliability.md (regenerate with
/// SPARKDEPLOY_WRITE_RELIABILITY=1 swift test --filter RecipeScenarioTests).
@Suite("Recipes under fault scenarios", .serialized)
struct RecipeScenarioTests {
    static let newJar = "s3://builds/aggregator-1.4.2.jar"
    static let oldJar = "s3://builds/aggregator-1.4.1.jar"
    static let scenarios = ["standard", "rm-failover", "rm-unreachable", "flaky-network", "kill-lingers", "crash-loop",
                            "app-fails-to-start", "step-stuck-pending", "hadoop2-legacy", "driver-survives-interrupt", "secure-acl",
                            "clock-skew"]
    static let recipes = ["redeploy-streaming", "redeploy-via-cancel"]

    struct Row: Sendable {
        var recipe: String
        var scenario: String
        var exit: Int32
        var running: [String]   // jars of RUNNING copies
        var verdict: String
        var ok: Bool
    }

    /// Runs one recipe against a fresh simulator in `scenario` and classifies the end state.
    static func run(_ recipe: String, _ scenario: String) async throws -> Row {
        let params = ["jar": newJar, "cluster": "streaming-prod", "app": "Aggregator"]
        let clock = ScaledClock(rate: 30)
        let sim = try await Simulator.start(SimulatorOptions(clock: clock, scenario: try Scenario.named(scenario, parameters: params)))
        defer { Task { await sim.stop() } }
        var snapshot = await sim.snapshot()
        let clusterId: String
        if let existing = snapshot.clusters.first(where: { $0.name == "streaming-prod" }) {
            clusterId = existing.id
        } else {
            clusterId = await sim.createCluster(name: "streaming-prod")
        }
        if !snapshot.apps.contains(where: { $0.name == "Aggregator" && $0.state == "RUNNING" }) {
            _ = try await sim.startStreamingJob(clusterId: clusterId, name: "Aggregator", jar: oldJar, mainClass: "com.acme.Aggregator")
        }
        let before = await sim.snapshot()
        let env = ["AWS_ENDPOINT_URL_EMR": sim.emrEndpoint, "SPARKDEPLOY_YARN_URL": sim.yarnEndpoints.joined(separator: ","),
                   "AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "test-secret-key", "AWS_REGION": "us-east-1",
                   "AWS_EC2_METADATA_DISABLED": "true", "SPARKDEPLOY_LOCK_DIR": NSTemporaryDirectory() + "locks-\(UUID().uuidString)"]
        let result = try await CLI.runDetached(["run", recipe, "-p", "cluster=streaming-prod", "-p", "app=Aggregator", "-p", "jar=\(newJar)",
                                  "-p", "class=com.acme.Aggregator", "-p", "settle=3", "-p", "ready_timeout=60",
                                  "--timeout", "120"], environment: env)
        snapshot = await sim.snapshot()
        let running = snapshot.apps.filter { $0.name == "Aggregator" && ($0.state == "RUNNING" || $0.state == "ACCEPTED") }
        let jars = running.map { app in
            snapshot.steps.first { $0.id == app.stepId }?.args.first { $0.hasPrefix("s3://") } ?? "unknown"
        }
        // Duplicates: more new-build steps than the one attempt (plus a rollback) a run may make.
        let newSteps = snapshot.steps.filter { $0.args.contains(newJar) }.count
        var verdict: String
        var ok: Bool
        if result.status == 0 {
            ok = jars == [newJar]
            verdict = ok ? "exit 0, exactly one new-build app RUNNING" : "exit 0 but RUNNING: \(jars)"
        } else {
            let reported = result.stderr.contains("summary:") && (result.stderr.contains("running") || result.stderr.contains("no copy"))
            let unchanged = snapshot.apps.filter({ $0.state == "RUNNING" }).count == before.apps.filter({ $0.state == "RUNNING" }).count
            ok = jars.count <= 1 && newSteps <= 1 && (reported || unchanged)
            let state = jars.isEmpty ? "none RUNNING" : "RUNNING: \(jars.map { $0 == newJar ? "new" : $0 == oldJar ? "previous" : $0 }.joined(separator: ","))"
            verdict = "exit \(result.status), \(state), state reported, nothing duplicated"
            if !ok { verdict = "exit \(result.status), \(state), new-build steps \(newSteps) — NOT OK" }
        }
        if !ok { print("[\(recipe) × \(scenario)] \(result.stderr.suffix(3000))") }
        return Row(recipe: recipe, scenario: scenario, exit: result.status, running: jars, verdict: verdict, ok: ok)
    }

    /// The other reliability tests, with the command that runs each (their figures are printed by
    /// the tests themselves; the soak's latest are in docs/soak.md).
    static let otherChecks = """

    ## Beyond the matrix

    | test | what it does | what must hold | run it |
    |---|---|---|---|
    | fan-out (`FanOutTests`) | one invocation redeploys 3 apps on 3 sandbox clusters; two targets naming one app; a refused target; a failing target with and without `--fail-fast` | each app killed once and its new build RUNNING; exactly one submit when two targets race for one app (the lock refuses the second); nothing runs when any target is refused | `swift test --filter FanOutTests` |
    | bridge fuzz (`BridgeFuzzTests`) | ≥ 100,000 seeded random calls (every Lua type, cyclic and hostile tables, coroutines, host objects, well-typed values) into every registered function, in dry run against the in-process simulator | no crash or hang; every error a string or a structured table naming the function; Lua memory after GC < 2× + 4 MiB of warm-up; RSS growth in the second half < 64 MiB | `swift test --filter BridgeFuzz` (`SPARKDEPLOY_FUZZ_SEED=n` to replay) |
    | hostile server (`Hostile*Tests`) | ~2,850 seeded responses from a raw NIO server: truncated at random bytes, wrong-typed fields, non-UTF-8, BOM, HTML, empty, 50 MB, 100k-deep nesting, lying `Content-Length`, stalls before and after the headers, echoed credentials; YARN and EMR clients | a typed error naming the endpoint or operation every time (or, for a body still valid, the same values); no hang; no secret in any error | `swift test --filter Hostile` (`HOSTILE_SEED=n`) |
    | hostile answers to a create call (`HostileEMRSubmitTests`) | 412 broken answers to AddJobFlowSteps (the mutations above, 500/503, bodies cut after a 200 head, broken framing), with ListSteps showing the step and not showing it | sent exactly once whenever the step exists or EMR answered 2xx; the right step id whenever the step exists; otherwise a typed error (`emr.outcomeUnknown` after a 2xx) | `swift test --filter HostileEMRSubmit` |
    | config and command-line readers (`HadoopConfigurationXMLTests`, `QuickCommandLineTests`) | 3,000 mutated `yarn-site.xml` files against libxml2; every truncation of a real one; 600 random `run`/`exec` command lines against ArgumentParser | the same properties as libxml2 or an error naming the line; the start-up fast path builds the same request as ArgumentParser whenever it accepts a command line | `swift test --filter 'HadoopConfigurationXML\\|QuickCommandLine'` |
    | soak (`SoakTests`) | 200 consecutive redeploys of one app from one process against a standalone sandbox | every redeploy succeeds and leaves one copy of the last build; RSS < +3 MiB and descriptors flat after warm-up ([figures](soak.md)) | `swift test --filter SoakTests` |
    """

    @Test("every recipe × scenario ends in one intended app RUNNING or a reported failure with nothing duplicated")
    func matrix() async throws {
        var rows: [Row] = []
        for recipe in Self.recipes {
            for scenario in Self.scenarios {
                rows.append(try await Self.run(recipe, scenario))
            }
        }
        for row in rows { #expect(row.ok, "\(row.recipe) × \(row.scenario): \(row.verdict)") }
        var table = "# Reliability matrix\n\n<!-- Generated by RecipeScenarioTests (SPARKDEPLOY_WRITE_RELIABILITY=1 swift test --filter RecipeScenarioTests); do not edit. -->\n\n"
        table += "Each recipe runs through the built binary against a fresh simulator in the scenario; the verdict is read from the simulator's state afterwards. Previous build: `\(Self.oldJar)`, new build: `\(Self.newJar)`.\n\n"
        table += "| recipe | scenario | outcome |\n|---|---|---|\n"
        for row in rows { table += "| \(row.recipe) | \(row.scenario) | \(row.verdict) |\n" }
        table += Self.otherChecks
        if ProcessInfo.processInfo.environment["SPARKDEPLOY_WRITE_RELIABILITY"] == "1" {
            try table.write(to: CLI.packageRoot.appendingPathComponent("docs/reliability.md"), atomically: true, encoding: .utf8)
        }
    }

    /// The matrix accepts a reported failure; a skewed clock must not cause one. Before the fence moved to
    /// the RM's clock, EMR 90 s ahead hid the new app: the deploy timed out, killed it and rolled back.
    @Test("EMR's clock 90 s ahead of the cluster's does not hide the new app: exit 0, the new build RUNNING",
          arguments: ["redeploy-streaming", "redeploy-via-cancel"])
    func clockSkew(recipe: String) async throws {
        let row = try await Self.run(recipe, "clock-skew")
        #expect(row.exit == 0 && row.running == [Self.newJar], "\(row.verdict)")
    }

    @Test("the crash-looping new build is rolled back and the previous build is RUNNING at the end")
    func crashLoopRollsBack() async throws {
        let row = try await Self.run("redeploy-streaming", "crash-loop")
        #expect(row.exit == 1)
        #expect(row.running == [Self.oldJar])
    }

    @Test("with the RM unreachable nothing is killed before the failure")
    func rmDownKillsNothing() async throws {
        let clock = ScaledClock(rate: 30)
        let sim = try await Simulator.start(SimulatorOptions(clock: clock, scenario: try Scenario.named("streaming-running")))
        defer { Task { await sim.stop() } }
        let before = await sim.snapshot()
        await sim.apply(.rmUnreachable(index: 0))
        let env = ["AWS_ENDPOINT_URL_EMR": sim.emrEndpoint,
                   "AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "test-secret-key", "AWS_REGION": "us-east-1"]
        let result = try await CLI.runDetached(["run", "redeploy-streaming", "-p", "cluster=streaming-prod", "-p", "app=Aggregator",
                                                "-p", "jar=\(Self.newJar)", "-p", "class=com.acme.Aggregator", "--timeout", "120"],
                                               environment: env)
        #expect(result.status == 1)
        #expect(result.stderr.contains("could not connect") || result.stderr.contains("transport"))
        let after = await sim.snapshot()
        #expect(after.apps.filter { $0.state == "RUNNING" }.map(\.id) == before.apps.filter { $0.state == "RUNNING" }.map(\.id))
        #expect(after.steps.count == before.steps.count)
    }

    @Test("two redeploys started at the same moment: one proceeds, the other refuses")
    func concurrentDeploys() async throws {
        let clock = ScaledClock(rate: 30)
        let sim = try await Simulator.start(SimulatorOptions(clock: clock, scenario: try Scenario.named("streaming-running")))
        defer { Task { await sim.stop() } }
        let lockDir = NSTemporaryDirectory() + "locks-\(UUID().uuidString)"
        let env = ["AWS_ENDPOINT_URL_EMR": sim.emrEndpoint, "SPARKDEPLOY_YARN_URL": sim.yarnEndpoints.joined(separator: ","),
                   "AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "test-secret-key", "AWS_REGION": "us-east-1",
                   "SPARKDEPLOY_LOCK_DIR": lockDir]
        let args = ["run", "redeploy-streaming", "-p", "cluster=streaming-prod", "-p", "app=Aggregator", "-p", "jar=\(Self.newJar)",
                    "-p", "class=com.acme.Aggregator", "-p", "settle=2", "--timeout", "120"]
        async let first = CLI.runDetached(args, environment: env)
        async let second = CLI.runDetached(args, environment: env)
        let results = try await [first, second]
        #expect(results.map(\.status).sorted() == [0, 1])
        let refused = results.first { $0.status == 1 }
        #expect(refused?.stderr.contains("refusing") == true)
        let snapshot = await sim.snapshot()
        let running = snapshot.apps.filter { $0.name == "Aggregator" && $0.state == "RUNNING" }
        #expect(running.count == 1)
        #expect(snapshot.steps.filter { $0.args.contains(Self.newJar) }.count == 1)
    }
}
