import ClusterSimulator
import Foundation
import SparkDeployCore
import Testing

/// Param values that would pass the type check and then cause an outage are refused before
/// anything is sent to the cluster.
@Suite("param rules refuse bad values before any side effect")
struct ParamRulesCLITests {
    static let good = [
        "-p", "cluster=streaming-prod", "-p", "app=Aggregator", "-p", "jar=s3://builds/aggregator-1.4.2.jar",
        "-p", "class=com.acme.Aggregator",
    ]

    @Test(
        "redeploy-streaming with a bad value exits 2 naming the param and rule; the app still runs, nothing was sent",
        arguments: [
            (["-p", "ready_timeout=-1"], "param 'ready_timeout': -1 is less than min = 1"),
            (["-p", "ready_timeout=0"], "param 'ready_timeout': 0 is less than min = 1"),
            (["-p", "stop_timeout=0"], "param 'stop_timeout': 0 is less than min = 1"),
            (["-p", "jar="], "param 'jar': must not be empty"),
            (["-p", "class="], "param 'class': must not be empty"),
            (["-p", "jar=aggregator.jar"], "param 'jar': 'aggregator.jar' does not match"),
        ])
    func refusedBeforeAnything(override: [String], message: String) async throws {
        let sim = try await Simulator.start(
            SimulatorOptions(clock: ScaledClock(rate: 30), scenario: try Scenario.named("streaming-running")))
        defer { Task { await sim.stop() } }
        let before = await sim.snapshot()
        let running = before.apps.filter { $0.state == "RUNNING" }.map(\.id)
        #expect(!running.isEmpty)
        let env = [
            "AWS_ENDPOINT_URL_EMR": sim.emrEndpoint, "SPARKDEPLOY_YARN_URL": sim.yarnEndpoints.joined(separator: ","),
            "AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "test-secret-key", "AWS_REGION": "us-east-1",
            "AWS_EC2_METADATA_DISABLED": "true", "SPARKDEPLOY_LOCK_DIR": NSTemporaryDirectory() + "locks-\(UUID().uuidString)",
        ]
        // The later -p wins over the good value only if given twice is refused: build the list without duplicates.
        let overridden = Set(override.filter { $0 != "-p" }.map { String($0.prefix { $0 != "=" }) })
        var arguments = ["run", "redeploy-streaming", "--timeout", "120"]
        var index = 0
        while index + 1 < Self.good.count {
            let key = String(Self.good[index + 1].prefix { $0 != "=" })
            if !overridden.contains(key) { arguments += [Self.good[index], Self.good[index + 1]] }
            index += 2
        }
        arguments += override
        let result = try await CLI.runDetached(arguments, environment: env)
        #expect(result.status == 2, "\(result.output)")
        #expect(result.stderr.contains(message), "\(result.output)")
        let counts = await sim.requestCounts()
        #expect(counts.values.reduce(0, +) == 0, "\(counts)")
        let after = await sim.snapshot()
        #expect(after.apps.filter { $0.state == "RUNNING" }.map(\.id) == running)
        #expect(after.steps.count == before.steps.count)
    }

    @Test("check names every malformed rule in recipe{} with the file")
    func malformedRules() throws {
        let dir = try CLI.workspace([
            "bad.lua": """
            recipe {
              description = "bad rules",
              params = {
                a = { min = 1 },
                b = { type = "number", min = "one" },
                c = { type = "number", min = 5, max = 1 },
                d = { type = "boolean", nonempty = true },
                e = { pattern = "%" },
                f = { pattern = 3 },
                g = { type = "number", default = 0, min = 1 },
              },
            }
            """
        ])
        let r = try CLI.run(["check"], in: dir)
        #expect(r.status != 0)
        for expected in [
            "param 'a' min applies to number and integer params, not string",
            "param 'b' min must be a finite number (got string)",
            "param 'c' min (5) is greater than max (1)",
            "param 'd' nonempty applies to string and list params, not boolean",
            "param 'e' pattern \"%\" is not a valid Lua pattern",
            "param 'f' pattern must be a Lua pattern or a list of them",
            "recipes/bad.lua:", "default of param 'g': 0 is less than min = 1",
        ] {
            #expect(r.output.contains(expected), "missing: \(expected)\n\(r.output)")
        }
    }
}
