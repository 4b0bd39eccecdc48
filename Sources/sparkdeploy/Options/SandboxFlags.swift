import ArgumentParser
import ClusterSimulator
import DeployRuntime
import Foundation
import SparkDeployCore

/// `--sandbox`: run against the built-in simulator instead of real AWS and Hadoop.
struct SandboxFlags: ParsableArguments {
    @Flag(name: .long, help: "Run against the built-in EMR + YARN simulator (nothing real is touched).")
    var sandbox = false

    @Option(name: .long, help: ArgumentHelp("Simulator scenario: a shipped name or a JSON file (implies --sandbox).", valueName: "name|file"))
    var scenario: String?

    @Option(name: .long, help: ArgumentHelp("Virtual seconds per wall second in the sandbox.", valueName: "rate"))
    var sandboxSpeed: Double = 30

    @Flag(name: .long, inversion: .prefixedNo, help: "Seed the sandbox with the cluster and running app that -p cluster/app name.")
    var seed = true

    var enabled: Bool { sandbox || scenario != nil }

    func validate() throws {
        if !(sandboxSpeed > 0) { throw ValidationError("--sandbox-speed must be positive") }
    }

    /// Starts the simulator seeded for `params` and returns it with the clock the run must share.
    func start(params: [String: String], log: RunLog) throws -> (SandboxEnvironment, ScaledClock) {
        try start(paramSets: [params], log: log)
    }

    /// Starts one simulator seeded for every params set (one per fan-out target); a scenario's
    /// `"${param}"` strings take the first set's values.
    func start(paramSets: [[String: String]], log: RunLog) throws -> (SandboxEnvironment, ScaledClock) {
        let clock = ScaledClock(rate: sandboxSpeed)
        let scenario = try SandboxEnvironment.scenario(self.scenario, parameters: paramSets.first ?? [:])
        let seeds = paramSets.map { params in
            var seedSpec = SandboxSeed.from(params: params)
            if !seed { seedSpec.app = nil }
            return seedSpec
        }
        let sandbox = try SandboxEnvironment.start(scenario: scenario, clock: clock, seeds: seeds)
        log.log(.info, "sandbox started", fields: [
            "emr": sandbox.simulator.emrEndpoint, "yarn": sandbox.simulator.yarnEndpoints.joined(separator: ","),
            "scenario": scenario.name, "speed": "\(sandboxSpeed)x",
        ])
        return (sandbox, clock)
    }
}
