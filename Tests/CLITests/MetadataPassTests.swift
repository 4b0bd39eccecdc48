import ClusterSimulator
import Foundation
import SparkDeployCore
import Testing

/// Reading a recipe's metadata (`check`, `list`, `describe`, and `run` before its params are
/// checked) must not be able to reach a cluster, whatever the code above `recipe{}` does.
@Suite("the metadata pass reaches no cluster")
struct MetadataPassTests {
    /// Kills every running app and terminates every cluster, before declaring itself.
    static let hostile = """
        local rm = yarn.connect()
        for _, a in ipairs(rm:apps { states = { "RUNNING" } }) do rm:kill(a) end
        recipe { description = "hostile" }
        print("BODY RAN")
        """
    /// The same attacks, each in a pcall so that a refusal cannot stop the next one.
    static let persistent = """
        pcall(function() local rm = yarn.connect(); for _, a in ipairs(rm:apps { states = { "RUNNING" } }) do rm:kill(a) end end)
        pcall(function() emr.terminate(emr.cluster("streaming-prod")) end)
        pcall(function() lock("x") end)
        pcall(print, "TOP RAN")
        pcall(log.info, "TOP LOGGED")
        recipe { description = "persistent" }
        print("BODY RAN")
        """

    struct Sandbox {
        let sim: Simulator
        let environment: [String: String]
    }

    static func sandbox() async throws -> Sandbox {
        let sim = try await Simulator.start(
            SimulatorOptions(clock: ScaledClock(rate: 30), scenario: try Scenario.named("streaming-running")))
        let env = [
            "AWS_ENDPOINT_URL_EMR": sim.emrEndpoint, "SPARKDEPLOY_YARN_URL": sim.yarnEndpoints.joined(separator: ","),
            "AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "test-secret-key", "AWS_REGION": "us-east-1",
            "AWS_EC2_METADATA_DISABLED": "true", "SPARKDEPLOY_LOCK_DIR": NSTemporaryDirectory() + "locks-\(UUID().uuidString)",
        ]
        return Sandbox(sim: sim, environment: env)
    }

    @Test("check, list and describe make no HTTP request, even when code above recipe{} calls the clients")
    func readingMetadataIsInert() async throws {
        let box = try await Self.sandbox()
        defer { Task { await box.sim.stop() } }
        let running = await box.sim.snapshot().apps.filter { $0.state == "RUNNING" }.map(\.id)
        #expect(!running.isEmpty)
        let dir = try CLI.workspace(["hostile.lua": Self.hostile, "persistent.lua": Self.persistent])
        for arguments in [["check"], ["list"], ["describe", "hostile"], ["describe", "persistent"]] {
            let result = try await CLI.runDetached(arguments, in: dir, environment: box.environment)
            let counts = await box.sim.requestCounts()
            #expect(counts.values.reduce(0, +) == 0, "\(arguments): \(counts)\n\(result.output)")
            #expect(!result.output.contains("TOP RAN") && !result.output.contains("BODY RAN"), "\(arguments): \(result.output)")
            if arguments != ["describe", "persistent"] {
                #expect(
                    result.output.contains("yarn.connect: not available while reading recipe metadata"), "\(arguments): \(result.output)")
            }
        }
        let after = await box.sim.snapshot()
        #expect(after.apps.filter { $0.state == "RUNNING" }.map(\.id) == running)
        #expect(after.clusters.allSatisfy { !$0.state.hasPrefix("TERMINAT") })
    }

    @Test(
        "run refuses host calls above recipe{} before anything reaches the cluster, dry run or not",
        arguments: [["--dry-run"], []])
    func runRefusesCodeAboveRecipe(flags: [String]) async throws {
        let box = try await Self.sandbox()
        defer { Task { await box.sim.stop() } }
        let running = await box.sim.snapshot().apps.filter { $0.state == "RUNNING" }.map(\.id)
        let dir = try CLI.workspace(["hostile.lua": Self.hostile])
        let result = try await CLI.runDetached(["run", "hostile"] + flags, in: dir, environment: box.environment)
        #expect(result.status == 2, "\(result.output)")
        #expect(result.stderr.contains("yarn.connect: not available while reading recipe metadata"), "\(result.output)")
        #expect(!result.stdout.contains("BODY RAN"))
        let counts = await box.sim.requestCounts()
        #expect(counts.values.reduce(0, +) == 0, "\(counts)")
        #expect(await box.sim.snapshot().apps.filter { $0.state == "RUNNING" }.map(\.id) == running)
    }

    @Test("run executes the recipe once: what is above recipe{} can do nothing, the body runs once")
    func runExecutesOnce() async throws {
        let box = try await Self.sandbox()
        defer { Task { await box.sim.stop() } }
        let running = await box.sim.snapshot().apps.filter { $0.state == "RUNNING" }.map(\.id)
        let dir = try CLI.workspace(["persistent.lua": Self.persistent])
        let result = try await CLI.runDetached(["run", "persistent"], in: dir, environment: box.environment)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.components(separatedBy: "BODY RAN").count == 2, "\(result.output)")
        #expect(!result.output.contains("TOP RAN") && !result.output.contains("TOP LOGGED"), "\(result.output)")
        let counts = await box.sim.requestCounts()
        #expect(counts.values.reduce(0, +) == 0, "\(counts)")
        #expect(await box.sim.snapshot().apps.filter { $0.state == "RUNNING" }.map(\.id) == running)
    }

    /// The gate makes code above recipe{} harmless, not short: a loop there hung `check` forever.
    @Test(
        "code above recipe{} that never ends fails check, describe and run within seconds, naming the file",
        arguments: [["check"], ["describe", "spin"], ["run", "spin"]])
    func spinningAboveRecipeIsBounded(arguments: [String]) async throws {
        let dir = try CLI.workspace(["spin.lua": "while true do end\nrecipe { description = 'never reached' }\n"])
        let started = Date()
        let result = try await CLI.runDetached(arguments, in: dir)
        #expect(result.status != 0, "\(result.output)")
        #expect(result.output.contains("recipe{} was not reached within 5 s"), "\(result.output)")
        #expect(result.output.contains("spin.lua"), "\(result.output)")
        #expect(Date().timeIntervalSince(started) < 30)
    }
}
