import ArgumentParser
import ClusterSimulator
import DeployRuntime
import Rehearsal
import SparkDeployCore

/// `--sandbox`: rehearse against the built-in simulator (``RehearsalCluster``) instead of real AWS and Hadoop, as plain values.
struct RehearsalSettings: Equatable, Sendable {
    /// `--sandbox`.
    var sandbox = false
    /// `--scenario`: a shipped scenario name or a JSON file (implies the sandbox).
    var scenario: String?
    /// `--sandbox-speed`: virtual seconds per wall second.
    var sandboxSpeed: Double = 30
    /// `--seed` / `--no-seed`: seed the cluster and running app that the params name.
    var seed = true

    /// Whether the run goes to the simulator.
    var enabled: Bool { sandbox || scenario != nil }

    /// What is wrong with these values, in the words of a usage error, or nil.
    var problem: String? {
        sandboxSpeed > 0 ? nil : "--sandbox-speed must be positive"
    }

    /// Starts one simulator seeded for every params set (one per fan-out target) and returns it with the
    /// clock the run must share; a scenario's `"${param}"` strings take the first set's values. When it
    /// cannot start (a bad scenario, no free port), logs why and exits 1.
    func startOrExit(paramSets: [[String: String]], log: RunLog) -> (RehearsalCluster, ScaledClock) {
        do {
            return try start(paramSets: paramSets, log: log)
        } catch {
            log.log(.error, "could not start the sandbox", fields: ["error": "\(error)"])
            SparkDeploy.exit(withError: ExitCode(1))
        }
    }

    private func start(paramSets: [[String: String]], log: RunLog) throws -> (RehearsalCluster, ScaledClock) {
        let clock = ScaledClock(rate: sandboxSpeed)
        let scenario = try RehearsalCluster.scenario(self.scenario, parameters: paramSets.first ?? [:])
        let seeds = paramSets.map { params in
            var seedSpec = RehearsalSeed.from(params: params)
            if !seed { seedSpec.app = nil }
            return seedSpec
        }
        let rehearsal = try RehearsalCluster.start(scenario: scenario, clock: clock, seeds: seeds)
        log.log(
            .info, "sandbox started",
            fields: [
                "emr": rehearsal.simulator.emrEndpoint, "yarn": rehearsal.simulator.yarnEndpoints.joined(separator: ","),
                "scenario": scenario.name, "speed": "\(sandboxSpeed)x",
            ])
        return (rehearsal, clock)
    }
}
