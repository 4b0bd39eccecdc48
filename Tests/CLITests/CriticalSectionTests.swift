import ClusterSimulator
import Foundation
import SparkDeployCore
import Synchronization
import Testing

/// A SIGINT/SIGTERM inside `critical(what, fn)` waits for the section: a deploy that stopped the
/// old app still submits the new one before it stops; a second signal still exits at once.
@Suite("signals inside a critical section")
struct CriticalSectionTests {
    static let waitingSection = """
        recipe { description = "critical" }
        stage("submit", function()
          critical("swap", function()
            print("IN SECTION")
            sleep(%SLEEP%)
            print("SECTION FINISHED")
          end)
          print("AFTER SECTION")
        end)
        print("AFTER STAGE")
        """

    static func workspace(sleeping seconds: Int) throws -> URL {
        try CLI.workspace(["swap.lua": waitingSection.replacingOccurrences(of: "%SLEEP%", with: String(seconds))])
    }

    @Test("SIGTERM inside critical: the section finishes, nothing after it runs, exit 130 saying the signal waited for it")
    func signalWaitsForSection() throws {
        let dir = try Self.workspace(sleeping: 2)
        let run = try WatchedRun.run(["run", "swap"], in: dir, when: "IN SECTION") { process in
            kill(process.processIdentifier, SIGTERM)
        }
        let r = run.result
        #expect(run.fired)
        #expect(r.status == 130, "\(r.output)")
        #expect(r.stdout.contains("SECTION FINISHED"), "\(r.output)")
        #expect(!r.stdout.contains("AFTER SECTION"), "\(r.output)")
        #expect(!r.stdout.contains("AFTER STAGE"), "\(r.output)")
        #expect(
            r.stderr.contains("SIGTERM received during swap: finishing it first, then stopping; send it again to exit at once"),
            "\(r.output)")
        #expect(r.stderr.contains("interrupted by SIGTERM (deferred until the swap finished) during stage 'submit'"), "\(r.output)")
        #expect(r.stderr.contains("summary: swap INTERRUPTED"), "\(r.output)")
        #expect(run.elapsed < 15, "took \(run.elapsed) s")
    }

    @Test("a second signal after the burst window exits at once inside critical: now: names the section, the exit hook ran")
    func secondSignalExitsAtOnce() throws {
        let dir = try Self.workspace(sleeping: 30)
        let run = try WatchedRun.run(["run", "swap"], in: dir, when: "IN SECTION") { process in
            kill(process.processIdentifier, SIGTERM)
            Thread.sleep(forTimeInterval: 1.3)
            kill(process.processIdentifier, SIGTERM)
        }
        let r = run.result
        #expect(r.status == 130, "\(r.output)")
        #expect(!r.stdout.contains("SECTION FINISHED"), "\(r.output)")
        #expect(r.stderr.contains("now: swap in stage 'submit' (inside critical section 'swap'"), "\(r.output)")
        #expect(r.stderr.contains("interrupted again by SIGTERM: exited at once"), "\(r.output)")
        // The exit hook the CLI registers records that the section did not finish.
        #expect(r.stderr.contains("exiting at once on a second SIGTERM inside critical section 'swap': it did not finish"), "\(r.output)")
        #expect(r.stderr.contains("summary: swap INTERRUPTED"), "\(r.output)")
        #expect(run.elapsed < 15, "took \(run.elapsed) s")
    }

    @Test("the deadline is not held back by a critical section: exit 3 within seconds")
    func deadlineIsNotDeferred() throws {
        let dir = try Self.workspace(sleeping: 30)
        let run = try WatchedRun.run(["run", "swap", "--timeout", "1"], in: dir, when: "never printed") { _ in }
        let r = run.result
        #expect(r.status == 3, "\(r.output)")
        #expect(!r.stdout.contains("SECTION FINISHED"), "\(r.output)")
        #expect(r.stderr.contains("deadline of 1 s exceeded during stage 'submit'"), "\(r.output)")
        #expect(run.elapsed < 15, "took \(run.elapsed) s")
    }

    @Test("fan-out: SIGTERM lets the target inside critical finish its section, stops the other at once, starts no new one")
    func fanOutDefersOnlyTheCriticalTarget() throws {
        let dir = try CLI.workspace([
            "fan.lua": """
            recipe { description = "fan", params = { who = { required = true }, swap = { type = "boolean", default = false } } }
            if params.swap then
              critical("swap", function()
                print("IN SECTION " .. params.who)
                sleep(2)
                print("SWAPPED " .. params.who)
              end)
            else
              print("WAITING " .. params.who)
              sleep(30)
            end
            print("AFTER " .. params.who)
            """
        ])
        let run = try WatchedRun.run(
            [
                "run", "fan", "--parallel", "2", "--target", "label=ann who=ann swap=true", "--target", "who=bob",
                "--target", "who=cy",
            ], in: dir, whenAll: ["IN SECTION ann", "WAITING bob"]
        ) { process in
            kill(process.processIdentifier, SIGTERM)
        }
        let r = run.result
        #expect(run.fired, "\(r.output)")
        #expect(r.status == 130, "\(r.output)")
        #expect(r.stdout.contains("[ann] SWAPPED ann"), "\(r.output)")
        #expect(!r.stdout.contains("AFTER"), "\(r.output)")
        #expect(!r.stdout.contains("WAITING cy"), "\(r.output)")
        #expect(r.stderr.contains("[ann] SIGTERM received during swap: finishing it first"), "\(r.output)")
        #expect(r.stderr.contains("interrupted by SIGTERM (deferred until the swap finished)"), "\(r.output)")
        #expect(r.stderr.contains("not run"), "\(r.output)")
        #expect(run.elapsed < 15, "took \(run.elapsed) s")
    }

    @Test("critical returns fn's results, passes errors through unchanged and refuses bad arguments by name")
    func criticalIsTransparent() throws {
        let ok = try CLI.run(["exec", "-e", "local a, b = critical('swap', function() return 1, 'two' end) print(a, b)"])
        #expect(ok.status == 0, "\(ok.output)")
        #expect(ok.stdout.contains("1\ttwo"), "\(ok.output)")
        let failing = try CLI.run(["exec", "-e", "critical('swap', function() fail('boom') end)"])
        #expect(failing.status == 1, "\(failing.output)")
        #expect(failing.stderr.contains("boom"), "\(failing.output)")
        let bad = try CLI.run(["exec", "-e", "critical(1, function() end)"])
        #expect(bad.status == 1, "\(bad.output)")
        #expect(bad.stderr.contains("critical: argument #1 (what) expected string, got number"), "\(bad.output)")
    }

    @Test("redeploy-streaming gets SIGTERM as it kills the old app: it still submits the new build, exits 130, and the new app runs alone")
    func redeployFinishesTheSwap() async throws {
        let sim = try await Simulator.start(SimulatorOptions(clock: ScaledClock(rate: 30), scenario: .standard))
        defer { Task { await sim.stop() } }
        if !(await sim.snapshot()).clusters.contains(where: { $0.name == "streaming-prod" }) {
            _ = await sim.createCluster(name: "streaming-prod")
        }
        let clusterId = await sim.snapshot().clusters.first { $0.name == "streaming-prod" }?.id ?? ""
        _ = try await sim.startStreamingJob(
            clusterId: clusterId, name: ReliabilityRun.app, jar: ReliabilityRun.oldJar,
            mainClass: "com.acme.Aggregator")
        let environment = [
            "AWS_ENDPOINT_URL_EMR": sim.emrEndpoint, "SPARKDEPLOY_YARN_URL": sim.yarnEndpoints.joined(separator: ","),
            "AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "test-secret-key", "AWS_REGION": "us-east-1",
            "AWS_EC2_METADATA_DISABLED": "true", "SPARKDEPLOY_LOCK_DIR": NSTemporaryDirectory() + "locks-\(UUID().uuidString)",
        ]
        let arguments =
            ["run", "redeploy-streaming", "-p", "cluster=streaming-prod", "-p", "app=\(ReliabilityRun.app)"]
            + ReliabilityRun.buildParams + ReliabilityRun.deployTimes + ["--timeout", "120"]
        let run = try await WatchedRun.runDetached(arguments, environment: environment, when: "mutation yarn.kill") { process in
            kill(process.processIdentifier, SIGTERM)
        }
        let r = run.result
        #expect(run.fired, "\(r.output)")
        #expect(r.status == 130, "\(r.output)")
        #expect(r.stderr.contains("SIGTERM received during swap: finishing it first"), "\(r.output)")
        #expect(r.stderr.contains("interrupted by SIGTERM (deferred until the swap finished)"), "\(r.output)")
        #expect(r.stderr.contains("mutation emr.add_step"), "\(r.output)")

        // The simulator, not the recipe's word: the new build reaches RUNNING, and it is the only copy alive.
        var running: [SimulatorSnapshot.App] = []
        var snapshot = await sim.snapshot()
        for _ in 0..<120 {
            snapshot = await sim.snapshot()
            running = snapshot.apps.filter { $0.name == ReliabilityRun.app && ($0.state == "RUNNING" || $0.state == "ACCEPTED") }
            if running.count == 1, running[0].state == "RUNNING", ReliabilityRun.jar(of: running[0], in: snapshot) == ReliabilityRun.newJar
            {
                break
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        #expect(running.count == 1, "alive: \(running.map { "\($0.id) \($0.state)" }); \(r.output)")
        #expect(running.first?.state == "RUNNING", "\(r.output)")
        #expect(running.first.map { ReliabilityRun.jar(of: $0, in: snapshot) } == ReliabilityRun.newJar, "\(r.output)")
    }
}
