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
        let cluster = try await LeasedCluster.start(store: withStore)
        defer { cluster.stop() }
        let first = cluster.runner()
        let second = cluster.runner()
        async let a = CLI.runDetached(LeasedCluster.deployArguments, environment: first)
        async let b: CLIResult = {
            if stagger > 0 { try await Task.sleep(nanoseconds: UInt64(stagger * 1e9)) }
            return try await CLI.runDetached(LeasedCluster.deployArguments, environment: second)
        }()
        let results = try await [a, b]
        return Trial(
            exits: results.map(\.status), outputs: results.map(\.output), running: await cluster.running(),
            newSteps: await cluster.newSteps(), objects: await cluster.sim.snapshot().objects)
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
                let refused = trial.outputs.filter {
                    $0.contains("another run holds the lock 'deploy:") && $0.contains("refusing to run concurrently")
                }
                var problems: [String] = []
                if winners != 1 { problems.append("exits \(trial.exits)") }
                if refused.count != 1 { problems.append("\(refused.count) runs named the holder") }
                if trial.newSteps != 1 { problems.append("\(trial.newSteps) new-build steps") }
                if trial.running != ["new"] { problems.append("RUNNING afterwards \(trial.running)") }
                let held = trial.objects.filter { $0.key.hasPrefix("ci/locks/") }
                if held.count != 1 { problems.append("\(held.count) lease objects") }
                if !problems.isEmpty {
                    failures.append(
                        "race \(number): " + problems.joined(separator: "; ") + "\n"
                            + trial.outputs.map { String($0.suffix(1500)) }.joined(separator: "\n---\n"))
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of 50 races went wrong:\n\(failures.prefix(2).joined(separator: "\n\n"))")
    }

    @Test(
        "without a lease store, overlapping runs never stop each other's copy: one copy of the new build runs afterwards",
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
