import ArgumentParser
import ClusterSimulator
import DeployRuntime
import Foundation
import Rehearsal

/// What `sparkdeploy run` was asked to do, whichever parser read the command line.
struct RunRequest: Equatable, Sendable {
    /// The recipe: a name in the recipes directory or a path to a `.lua` file.
    var name: String
    /// `-p key=value`, in order.
    var params: [String] = []
    /// `--params-file`: params from a JSON object or key=value lines.
    var paramsFile: String?
    /// `--dry-run`: reads are real, mutations only logged.
    var dryRun = false
    /// `--target`: one fan-out target's own params each.
    var targets: [String] = []
    /// `--targets`: a file of fan-out targets.
    var targetsFile: String?
    /// `--parallel`: fan-out targets running at once (nil: all).
    var parallel: Int?
    /// `--fail-fast`: start no further target once one has failed.
    var failFast = false
    /// `--resume`: continue an unfinished deploy as its journal records it, even where the cluster disagrees.
    var resume = false
    /// `--abandon`: set an unfinished deploy's journal aside and start from what the cluster shows.
    var abandon = false
    /// `--summary-file`: where the run summary is also written, Markdown or JSON by extension.
    var summaryFiles: [String] = []
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
        if let parallel, parallel < 1 { return "--parallel must be at least 1" }
        if resume && abandon { return "--resume and --abandon exclude each other" }
        if (parallel != nil || failFast) && targets.isEmpty && targetsFile == nil {
            return "--parallel and --fail-fast apply to a fan-out: give --target or --targets"
        }
        if let problem = summaryFiles.lazy.compactMap(SummaryFile.problem(path:)).first { return problem }
        return runtime.problem ?? rehearsal.problem
    }

    /// Runs the recipe (once, or per target) and exits with the run's code.
    func execute() -> Never {
        var configuration = runtime.makeConfiguration(dryRun: dryRun)
        if resume || abandon { configuration.connection.lease.reattach = resume ? .resume : .abandon }
        var (given, problems) = sharedParams()
        let (fanOut, targetProblems) = fanOutTargets()
        problems += targetProblems
        let files = summaryFiles.compactMap(SummaryFile.init(path:))
        if !problems.isEmpty {
            let error = "invalid params:\n  " + problems.joined(separator: "\n  ")
            Report.finish(.refused(name, error: error, dryRun: dryRun), log: configuration.log, files: files)
        }
        if !files.isEmpty && fanOut == nil { writeOnExitAtOnce(files, progress: configuration.progress, log: configuration.log) }
        var fleet = fanOut
        var rehearsalCluster: RehearsalCluster?
        if rehearsal.enabled {
            let paramSets = fleet.map { $0.map { $0.merged(with: given) } } ?? [given]
            let (cluster, clock) = rehearsal.startOrExit(paramSets: paramSets, log: configuration.log)
            rehearsalCluster = cluster
            configuration.rehearse(on: cluster, clock: clock)
            if var targets = fleet {
                // In the sandbox a `j-…` id cannot exist yet: each target gets its seeded cluster.
                for index in targets.indices
                where index < cluster.clusterIds.count
                    && targets[index].merged(with: given)["cluster"]?.hasPrefix("j-") == true
                {
                    targets[index].params["cluster"] = cluster.clusterIds[index]
                }
                fleet = targets
            } else {
                given = replacingClusterIds(given, with: cluster.clusterId, log: configuration.log)
            }
        }
        let before = dryRun ? rehearsalCluster?.snapshot() : nil
        if let fleet {
            let outcome = FanOutRunner.run(
                recipe: name, shared: given, targets: fleet, parallel: parallel ?? fleet.count,
                failFast: failFast, configuration: configuration)
            checkDryRun(before, rehearsalCluster, log: configuration.log)
            FanOutSummary.write(outcome, to: configuration.log)
            Report.write(files, log: configuration.log) { try $0.write(outcome) }
            rehearsalCluster?.stop()
            SparkDeploy.exit(withError: outcome.status == .succeeded ? nil : ExitCode(outcome.status.exitCode))
        }
        let outcome = RecipeRunner.run(recipe: name, given: given, configuration: configuration)
        checkDryRun(before, rehearsalCluster, log: configuration.log)
        rehearsalCluster?.stop()
        Report.finish(outcome, log: configuration.log, files: files)
    }

    /// A second SIGINT/SIGTERM exits at once (``Signals``): the summary files get what the run did so far,
    /// as the summary printed then says it.
    private func writeOnExitAtOnce(_ files: [SummaryFile], progress: RunProgress, log: RunLog) {
        ExitHooks.shared.register("summary file") { event in
            for var outcome in progress.outcomes(status: .interrupted, error: event.reason) {
                outcome.now = event.now.first.map { $0.hasPrefix("now: ") ? String($0.dropFirst(5)) : $0 }
                Report.write(files, log: log) { try $0.write(outcome) }
            }
        }
    }

    /// `--params-file`, then `-p` (which wins).
    private func sharedParams() -> ([String: String], [String]) {
        var given: [String: String] = [:]
        var problems: [String] = []
        if let paramsFile {
            let (values, fileProblems) = ParamsParser.readFile(paramsFile)
            given.merge(values) { _, new in new }
            problems += fileProblems
        }
        let (values, flagProblems) = ParamsParser.split(params)
        given.merge(values) { _, new in new }
        return (given, problems + flagProblems)
    }

    /// The fan-out targets, or nil for a single run.
    private func fanOutTargets() -> ([FanOutTarget]?, [String]) {
        guard !targets.isEmpty || targetsFile != nil else { return (nil, []) }
        var fleet: [FanOutTarget] = []
        var problems: [String] = []
        if let targetsFile {
            let (read, fileProblems) = FanOutTargets.readFile(targetsFile)
            fleet += read
            problems += fileProblems
        }
        for (index, text) in targets.enumerated() {
            let (target, targetProblems) = FanOutTargets.parse(text, origin: "--target #\(index + 1) '\(text)'")
            if let target { fleet.append(target) }
            problems += targetProblems
        }
        if fleet.isEmpty && problems.isEmpty { problems.append("--targets \(targetsFile ?? ""): no targets") }
        return (fleet, problems + FanOutTargets.duplicateLabels(fleet))
    }

    /// In the sandbox a `j-…` cluster id cannot exist yet: it is replaced by the seeded cluster.
    private func replacingClusterIds(_ given: [String: String], with id: String?, log: RunLog) -> [String: String] {
        guard let id, given["cluster"]?.hasPrefix("j-") == true else { return given }
        log.log(.info, "sandbox: cluster param replaced by the seeded cluster", fields: ["cluster": id])
        var given = given
        given["cluster"] = id
        return given
    }

    /// In a dry run against the sandbox, proves nothing changed.
    private func checkDryRun(_ before: SimulatorSnapshot?, _ rehearsal: RehearsalCluster?, log: RunLog) {
        guard let before, let after = rehearsal?.snapshot() else { return }
        let changes = RehearsalCluster.changes(from: before, to: after)
        if changes.isEmpty {
            log.log(.info, "sandbox state unchanged by the dry run")
        } else {
            log.log(.error, "sandbox state CHANGED during a dry run", fields: ["changes": changes.joined(separator: "; ")])
        }
    }
}
