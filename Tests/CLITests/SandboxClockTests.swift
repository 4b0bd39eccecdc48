import Foundation
import TestSupport
import Testing

/// A standalone `sparkdeploy sandbox` exports its virtual clock, and runs against it wait on that clock;
/// faults that pick builds leave the sandbox's seeded build alone.
@Suite("Standalone sandbox: its clock and its seeded build")
struct SandboxClockTests {
    /// A standalone sandbox, and runs of the binary against it (each with a lock folder of its own).
    struct Standalone {
        let sandbox: StandaloneSandbox
        var environment: [String: String] { sandbox.environment }
        var process: Process { sandbox.process }

        init(_ arguments: [String]) throws {
            sandbox = try StandaloneSandbox(binary: CLI.binary, arguments: arguments, directory: CLI.packageRoot)
        }

        func run(_ arguments: [String]) throws -> CLIResult {
            try CLI.run(
                arguments,
                environment: environment.merging(["SPARKDEPLOY_LOCK_DIR": NSTemporaryDirectory() + "locks-\(UUID().uuidString)"]) {
                    a, _ in a
                })
        }
    }

    @Test("a run against a standalone sandbox at --speed 30 sleeps and reads now() on its virtual clock")
    func virtualClock() throws {
        let sandbox = try Standalone(["--speed", "30"])
        #expect(sandbox.environment["SPARKDEPLOY_SANDBOX_CLOCK"] != nil, "\(sandbox.environment.keys.sorted())")
        let started = Date()
        let r = try sandbox.run([
            "exec", "--output", "json", "-e",
            "local apps = yarn.apps{states={'RUNNING'}}; local t0 = now(); sleep(30); return {slept = now() - t0, started = apps[1].started_at, now = now()}",
        ])
        let wall = Date().timeIntervalSince(started)
        #expect(r.status == 0, "\(r.output)")
        let value = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.output)")
        #expect((value["slept"] as? Double ?? 0) >= 30)
        #expect(wall < 10, "30 virtual seconds at 30× take about a second of wall time, took \(wall) s")
        let appStarted = value["started"] as? Double ?? .infinity
        let now = value["now"] as? Double ?? 0
        #expect(now - appStarted > 0, "now() agrees with the RM's virtual timestamps")
    }

    @Test(
        "standalone scenarios whose faults name every build leave the seeded build running",
        arguments: ["app-fails-to-start", "crash-loop", "stalled-build"])
    func seededBuildRuns(scenario: String) throws {
        let sandbox = try Standalone(["--speed", "30", "--scenario", scenario])
        #expect(sandbox.process.isRunning, "the sandbox started")
        Thread.sleep(forTimeInterval: 3)  // 90 virtual seconds: a crash loop would have ended the app
        let r = try sandbox.run(["exec", "--output", "json", "-e", "local a = yarn.find_app{name='Aggregator'}; return a and a.state"])
        #expect(r.status == 0, "\(r.output)")
        #expect(r.stdout.contains("RUNNING"), "\(r.output)")
    }
}
