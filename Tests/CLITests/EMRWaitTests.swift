import ClusterSimulator
import Foundation
import SparkDeployCore
import Testing

/// `emr.wait_step` / `emr.wait_cluster` and `wait_until` on the one waiter engine, against the simulator over HTTP.
@Suite("Recipe waiters")
struct EMRWaitTests {
    /// A simulator with a cluster running one streaming step, and the environment that points the CLI at it.
    static func withRunningStep(_ body: (Simulator, String, String, [String: String]) async throws -> Void) async throws {
        let sim = try await Simulator.start(SimulatorOptions(clock: ScaledClock(rate: 30)))
        do {
            let clusterId = await sim.createCluster(name: "waits")
            let job = try await sim.startStreamingJob(clusterId: clusterId, name: "Waited", jar: "s3://b/w.jar", mainClass: "W")
            let environment = [
                "AWS_ENDPOINT_URL_EMR": sim.emrEndpoint, "AWS_ACCESS_KEY_ID": "AKIDTEST",
                "AWS_SECRET_ACCESS_KEY": "test-secret-key", "AWS_REGION": "us-east-1",
                "AWS_EC2_METADATA_DISABLED": "true", "SPARKDEPLOY_YARN_URL": sim.yarnEndpoints.joined(separator: ","),
            ]
            try await body(sim, clusterId, job.stepId, environment)
        } catch {
            await sim.stop()
            throw error
        }
        await sim.stop()
    }

    @Test("emr.wait_step rides out DescribeStep throttling on the waiter schedule instead of failing the run")
    func throttledWaitStepRetries() async throws {
        try await Self.withRunningStep { sim, cluster, step, environment in
            await sim.apply(.emrThrottling(operation: "DescribeStep", count: 2))
            var env = environment
            env["AWS_MAX_ATTEMPTS"] = "1"  // no retries inside the client: only the waiter can ride it out
            let r = try await CLI.runDetached(
                [
                    "exec", "--timeout", "60", "-e",
                    "return emr.wait_step('\(cluster)', '\(step)', 'RUNNING', {timeout = 30}).state",
                ],
                environment: env)
            #expect(r.status == 0, "\(r.output)")
            #expect(r.stdout == "RUNNING\n", "\(r.output)")
            let counts = await sim.requestCounts()
            #expect(counts.filter { $0.key.contains("DescribeStep") }.values.reduce(0, +) >= 3, "\(counts)")
        }
    }

    @Test("emr.wait_step fails at once when the step ends in another terminal state, naming it")
    func waitStepFailsOnOtherTerminalState() async throws {
        try await Self.withRunningStep { _, cluster, step, environment in
            let chunk = """
                emr.cancel_steps('\(cluster)', {'\(step)'}, {option = 'TERMINATE_PROCESS'})
                local ok, err = pcall(emr.wait_step, '\(cluster)', '\(step)', {'COMPLETED'}, {timeout = 60})
                print(ok, err.code, err.last_state)
                error(err)
                """
            let r = try await CLI.runDetached(["exec", "--timeout", "60", "-e", chunk], environment: environment)
            #expect(r.status == 1, "\(r.output)")
            #expect(r.stdout == "false\temr.unexpectedState\tCANCELLED\n", "\(r.output)")
            #expect(r.stderr.contains("step \(step) ended CANCELLED while waiting for COMPLETED"), "\(r.output)")
        }
    }

    @Test("emr.wait_step times out with the last state seen and the polls made")
    func waitStepTimesOutWithTheLastState() async throws {
        try await Self.withRunningStep { _, cluster, _, environment in
            // StepConcurrencyLevel 1: a second step stays PENDING behind the running one.
            let chunk = """
                local s = emr.add_step('\(cluster)', {name = 'Next', jar = 's3://b/n.jar'})
                local ok, err = pcall(emr.wait_step, '\(cluster)', s, 'RUNNING', {timeout = 3})
                print(ok, err.code, err.last_state)
                error(err)
                """
            let r = try await CLI.runDetached(["exec", "--timeout", "60", "-e", chunk], environment: environment)
            #expect(r.status != 0, "\(r.output)")
            #expect(r.stdout == "false\temr.timeout\tPENDING\n", "\(r.output)")
            #expect(r.stderr.contains("timed out after 3 s waiting for step s-"), "\(r.output)")
            #expect(r.stderr.contains("to be RUNNING (last state PENDING, "), "\(r.output)")
        }
    }

    @Test("emr.wait_cluster succeeds on the awaited state")
    func waitCluster() async throws {
        try await Self.withRunningStep { _, cluster, _, environment in
            let r = try await CLI.runDetached(
                [
                    "exec", "--timeout", "60", "-e",
                    "return emr.wait_cluster('\(cluster)', {'RUNNING', 'WAITING'}).state",
                ],
                environment: environment)
            #expect(r.status == 0 && ["RUNNING\n", "WAITING\n"].contains(r.stdout), "\(r.output)")
        }
    }

    @Test("wait_until polls on the waiters' schedule, within its deadline, and rejects a bad interval by name")
    func waitUntilSchedule() throws {
        let chunk = """
            local ok, err = pcall(wait_until, {timeout = 1, interval = 0.1, max_interval = 0.2, what = 'nothing'}, function() return false end)
            print(ok, err.kind, err.polls)
            print(select(2, pcall(wait_until, {timeout = 1, interval = 'soon'}, function() return false end)))
            """
        let r = try CLI.run(["exec", "--timeout", "30", "-e", chunk])
        #expect(r.status == 0, "\(r.output)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let first = lines.first?.split(separator: "\t").map(String.init) ?? []
        #expect(first.prefix(2) == ["false", "timeout"], "\(r.output)")
        // 0.1, 0.15, 0.2, 0.2, 0.2, then the rest: at most 7 polls in 1 s, never a busy loop.
        #expect(first.count == 3 && (Int(first[2]).map { (3...7).contains($0) } ?? false), "\(r.output)")
        #expect(lines.count == 2 && lines[1].contains("wait_until: opts.interval must be a number >= 0"), "\(r.output)")
    }
}
