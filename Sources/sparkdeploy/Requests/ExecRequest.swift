import ArgumentParser
import ClusterSimulator
import DeployRuntime
import Foundation
import Rehearsal

/// What `sparkdeploy exec` was asked to do, whichever parser read the command line.
struct ExecRequest: Equatable, Sendable {
    /// `-e CODE`: the Lua to run (else the first argument names a file).
    var expression: String?
    /// A Lua file (when there is no expression), then its arguments.
    var arguments: [String] = []
    /// `--dry-run`: reads are real, mutations only logged.
    var dryRun = false
    /// `--output text|json`: how returned values print.
    var output = "text"
    /// The shared Lua-run options.
    var runtime = RuntimeSettings()
    /// `--sandbox` and its companions.
    var rehearsal = RehearsalSettings()

    /// The options `exec` and `run` share, together (what a ``SharedOption`` writes into).
    var shared: SharedSettings {
        get { SharedSettings(runtime: runtime, rehearsal: rehearsal) }
        set { (runtime, rehearsal) = (newValue.runtime, newValue.rehearsal) }
    }

    /// What is wrong with the request (its shared options included), in the words of a usage error, or nil.
    var problem: String? {
        if expression == nil && arguments.isEmpty { return "give -e CODE or a Lua file" }
        if output != "text" && output != "json" { return "--output must be text or json, got '\(output)'" }
        return runtime.problem ?? rehearsal.problem
    }

    /// Runs the Lua, prints its returned values and exits with the run's code.
    func execute() -> Never {
        var configuration = runtime.makeConfiguration(dryRun: dryRun)
        var rehearsalCluster: RehearsalCluster?
        if rehearsal.enabled {
            let (cluster, clock) = rehearsal.startOrExit(
                paramSets: [["cluster": "streaming-prod", "app": "Aggregator"]],
                log: configuration.log)
            rehearsalCluster = cluster
            configuration.rehearse(on: cluster, clock: clock)
        }
        let source: String
        let chunkName: String
        var args = arguments
        if let expression {
            source = expression
            chunkName = "=(command line)"
        } else {
            let path = args.removeFirst()
            guard let data = FileManager.default.contents(atPath: path) else {
                configuration.log.log(.error, "cannot read \(path)")
                rehearsalCluster?.stop()
                SparkDeploy.exit(withError: ExitStatus.usage)
            }
            source = String(decoding: data, as: UTF8.self)
            chunkName = "@" + path
        }
        let outcome = RecipeRunner.exec(source: source, chunkName: chunkName, arguments: args, configuration: configuration)
        if outcome.status == .succeeded, output == "json" {
            print(outcome.resultsJSON ?? "null")
        } else if outcome.status == .succeeded, !outcome.results.isEmpty {
            print(outcome.results.concatenated(separator: "\t"))
        }
        rehearsalCluster?.stop()
        Report.finish(outcome, log: configuration.log, summary: !outcome.mutations.isEmpty || outcome.status != .succeeded)
    }
}
