import ClusterSimulator
import Foundation
import SparkDeployCore
import Testing

/// Two CI runners deploying the same app at once: two `sparkdeploy run redeploy-streaming` processes with
/// separate machine-lock folders against one simulator (issue 15: without a shared lease, both runs used to
/// end with every copy KILLED). What happened is read from the simulator afterwards.
@Suite("Overlapping deploys of one app from two runners")
struct OverlappingDeployTests {
    struct Trial: Sendable {
        var exits: [Int32]
        var outputs: [String]
        var running: [String]
        var newSteps: Int
        var objects: [SimulatorSnapshot.Object]
    }

    /// One race: a fresh simulator running the previous build, two runs started `stagger` seconds apart.
    static func race(withStore: Bool, stagger: Double) async throws -> Trial {
        let sim = try await Simulator.start(SimulatorOptions(clock: ScaledClock(rate: 30),
                                                             scenario: try Scenario.named("standard")))
        defer { Task { await sim.stop() } }
        _ = try await ReliabilityRun.seedPreviousBuild(sim)
        var shared = ["AWS_ENDPOINT_URL_EMR": sim.emrEndpoint, "SPARKDEPLOY_YARN_URL": sim.yarnEndpoints.joined(separator: ","),
                      "AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "test-secret-key", "AWS_REGION": "us-east-1",
                      "AWS_EC2_METADATA_DISABLED": "true"]
        if withStore {
            try await sim.createBucket("deploy-leases")
            shared["AWS_ENDPOINT_URL_S3"] = sim.s3Endpoint
            shared["SPARKDEPLOY_LOCK_STORE"] = "s3://deploy-leases/ci"
        }
        let arguments = ["run", "redeploy-streaming", "-p", "cluster=streaming-prod", "-p", "app=\(ReliabilityRun.app)"]
            + ReliabilityRun.buildParams + ReliabilityRun.deployTimes + ["--timeout", "120"]
        func runner() -> [String: String] {
            shared.merging(["SPARKDEPLOY_LOCK_DIR": NSTemporaryDirectory() + "locks-\(UUID().uuidString)"]) { _, new in new }
        }
        let first = runner(), second = runner()
        async let a = CLI.runDetached(arguments, environment: first)
        async let b: CLIResult = {
            if stagger > 0 { try await Task.sleep(nanoseconds: UInt64(stagger * 1e9)) }
            return try await CLI.runDetached(arguments, environment: second)
        }()
        let results = try await [a, b]
        let after = await sim.snapshot()
        let running = after.apps.filter { $0.name == ReliabilityRun.app && ($0.state == "RUNNING" || $0.state == "ACCEPTED") }
            .map { ReliabilityRun.jar(of: $0, in: after) == ReliabilityRun.newJar ? "new" : ReliabilityRun.jar(of: $0, in: after) }
        return Trial(exits: results.map(\.status), outputs: results.map(\.output), running: running,
                     newSteps: after.steps.filter { $0.args.contains(ReliabilityRun.newJar) }.count,
                     objects: after.objects)
    }

    @Test("with a lease store, 50 races: exactly one run submits, the other exits non-zero naming the holder, one new copy runs")
    func fiftyRacesWithLease() async throws {
        var failures: [String] = []
        // Five races at a time, each against its own simulator; staggers from 0 to 0.9 s.
        for batch in 0..<10 {
            let trials = try await withThrowingTaskGroup(of: (Int, Trial).self) { group in
                for index in 0..<5 {
                    let stagger = Double((batch * 5 + index) % 10) / 10
                    group.addTask { (batch * 5 + index, try await Self.race(withStore: true, stagger: stagger)) }
                }
                return try await group.reduce(into: [(Int, Trial)]()) { $0.append($1) }
            }
            for (number, trial) in trials {
                let winners = trial.exits.filter { $0 == 0 }.count
                let refused = trial.outputs.filter { $0.contains("another run holds the lock 'deploy:") && $0.contains("refusing to run concurrently") }
                var problems: [String] = []
                if winners != 1 { problems.append("exits \(trial.exits)") }
                if refused.count != 1 { problems.append("\(refused.count) runs named the holder") }
                if trial.newSteps != 1 { problems.append("\(trial.newSteps) new-build steps") }
                if trial.running != ["new"] { problems.append("RUNNING afterwards \(trial.running)") }
                let held = trial.objects.filter { $0.key.hasPrefix("ci/locks/") }
                if held.count != 1 { problems.append("\(held.count) lease objects") }
                if !problems.isEmpty {
                    failures.append("race \(number): " + problems.joined(separator: "; ") + "\n"
                                    + trial.outputs.map { String($0.suffix(1500)) }.joined(separator: "\n---\n"))
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of 50 races went wrong:\n\(failures.prefix(2).joined(separator: "\n\n"))")
    }

    @Test("without a lease store, overlapping runs never stop each other's copy: one copy of the new build runs afterwards",
          arguments: [0.0, 0.3, 0.8, 1.5])
    func overlapWithoutStore(stagger: Double) async throws {
        for _ in 0..<3 {
            let trial = try await Self.race(withStore: false, stagger: stagger)
            let outputs = trial.outputs.map { String($0.suffix(1500)) }.joined(separator: "\n---\n")
            #expect(trial.running == ["new"], "stagger \(stagger): RUNNING afterwards \(trial.running), exits \(trial.exits)\n\(outputs)")
            // A run that did not deploy says why and what runs.
            for (exit, output) in zip(trial.exits, trial.outputs) where exit != 0 {
                #expect(output.contains("now:") || output.contains("in flight"), "exit \(exit): \(output.suffix(1500))")
            }
        }
    }
}
