import ArgumentParser
import ClusterSimulator
import DeployRuntime
import Foundation
import Rehearsal
import SparkDeployCore

/// One everyday command (`apps`, `kill`, `status`, `logs`, `steps`): a small Lua chunk run through the same
/// machinery as `exec` (connection options, `--sandbox`, `--dry-run`, the audit trail and the summary), whose
/// returned `json.encode(…)` text is printed as a table, JSON or TSV.
struct OpsRequest: Sendable {
    /// The command's name: the chunk's name in errors (`=apps`).
    var command: String
    /// The Lua chunk; it reads its input with `json.decode(arg[1])` and returns `json.encode(result)`.
    var chunk: String
    /// The command's options as a JSON object (`arg[1]`): values never become Lua source.
    var input: [String: any Sendable]
    /// How the result is laid out for `--output table|tsv`.
    var layout: OpsLayout
    /// `--output`.
    var output: OpsOutputFormat
    /// `--dry-run`: mutations (`kill`) are only logged and recorded.
    var dryRun = false
    /// The shared Lua-run options.
    var runtime: RuntimeSettings
    /// `--sandbox` and its companions.
    var rehearsal: RehearsalSettings

    /// Runs the chunk, prints its result on stdout and exits with the run's code (the summary goes to
    /// stderr when something was mutated, or would have been, or when the command failed).
    func execute() -> Never {
        var configuration = runtime.makeConfiguration(dryRun: dryRun)
        var rehearsalCluster: RehearsalCluster?
        if rehearsal.enabled {
            let (cluster, clock) = rehearsal.startOrExit(paramSets: [OpsSandbox.params], log: configuration.log)
            rehearsalCluster = cluster
            configuration.rehearse(on: cluster, clock: clock)
            if rehearsal.scenario != nil { OpsSandbox.startNextBuild(on: cluster, log: configuration.log) }
        }
        let inputJSON = OpsOutput.json(input.mapValues { $0 as Any })
        var outcome = RecipeRunner.exec(source: chunk, chunkName: "@" + command, arguments: [inputJSON], configuration: configuration)
        if outcome.status == .succeeded {
            if let text = outcome.results.first, let result = OpsOutput.decode(text) {
                FileHandle.standardOutput.write(text: OpsOutput.render(result, layout: layout, format: output))
            } else {
                outcome.status = .failed
                outcome.error = "\(command): the command's Lua returned no JSON result"
            }
        }
        rehearsalCluster?.stop()
        Report.finish(outcome, log: configuration.log, summary: !outcome.mutations.isEmpty || outcome.status != .succeeded)
    }
}

/// What the everyday commands find in `--sandbox`: the cluster `streaming-prod` running `Aggregator` (the previous
/// build) and, with a `--scenario`, the next build of it deployed to a second cluster, `streaming-canary` (one RM
/// serves both), so that what the scenario does to a deploy (`app-fails-to-start`: it fails in ACCEPTED) is there to
/// look at with `apps`, `logs`, `status` and `steps`.
enum OpsSandbox {
    /// The seeded cluster's name.
    static let cluster = "streaming-prod"
    /// The cluster the next build is deployed to under a scenario.
    static let canary = "streaming-canary"
    /// The seeded app's name.
    static let app = "Aggregator"
    /// The next build's jar: the build a scenario's `${jar}` names.
    static let nextBuild = "s3://sandbox-builds/aggregator-next.jar"

    /// The params the sandbox is seeded (and a scenario's `${…}` filled) with.
    static var params: [String: String] { ["cluster": cluster, "app": app, "jar": nextBuild, "class": "com.acme.Aggregator"] }

    /// Deploys the next build to the canary cluster. It may fail to start (that is what a scenario may show): the
    /// sandbox keeps the failed app, and the log says so.
    static func startNextBuild(on rehearsal: RehearsalCluster, log: RunLog) {
        let simulator = rehearsal.simulator
        let outcome = BlockingBridge.run(token: nil) { () async throws -> String in
            let clusterId = await simulator.createCluster(name: canary)
            return try await simulator.startStreamingJob(
                clusterId: clusterId, name: app, jar: nextBuild, mainClass: "com.acme.Aggregator"
            ).appId
        }
        switch outcome {
        case .success(let appId):
            log.log(.info, "sandbox: next build started", fields: ["cluster": canary, "app": appId, "build": nextBuild])
        case .failure(let error):
            log.log(.info, "sandbox: next build did not start", fields: ["cluster": canary, "build": nextBuild, "error": "\(error)"])
        case .cancelled: break
        }
    }
}
