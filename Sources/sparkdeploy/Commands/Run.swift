import ArgumentParser
import ClusterSimulator
import DeployRuntime
import Foundation

/// `sparkdeploy run NAME -p key=value …`, for one target or fanned out over many.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",  // spelled out: deriving it from the type name costs a reflection scan at every start
        abstract: "Run a recipe (once, or for many targets at once).",
        discussion: """
        Params are checked against the recipe's recipe{} declaration before anything runs; \
        every problem is listed at once (exit 2).

        Fan-out: --target (repeatable) or --targets FILE runs the recipe once per target, each \
        with the shared -p params overridden by the target's own, each in its own Lua state, \
        --parallel at a time. Every target is checked before any starts; the exit code is 0 only \
        when every target succeeded.

        Examples:
          sparkdeploy run redeploy-streaming -p cluster=j-2AXXXXXXGAPLF -p app=Aggregator -p jar=s3://b/agg.jar -p class=com.acme.Aggregator
          sparkdeploy run redeploy-streaming --dry-run --params-file deploy.json
          sparkdeploy run stop -p cluster=streaming-prod -p app=Aggregator --log-format json
          sparkdeploy run redeploy-streaming -p jar=s3://b/agg-1.5.jar -p class=com.acme.Aggregator \\
            --target 'cluster=streaming-eu app=Aggregator' --target 'cluster=streaming-us app=Aggregator'
          sparkdeploy run redeploy-streaming --targets fleet.json --parallel 8 --fail-fast -p jar=… -p class=…
        """
    )

    @Argument(help: "Recipe name (a file in the recipes directory) or a path to a .lua file.")
    var name: String

    @Option(name: [.customShort("p"), .customLong("param")], help: ArgumentHelp("A recipe param.", valueName: "key=value"))
    var params: [String] = []

    @Option(name: .long, help: ArgumentHelp("Params from a JSON object or key=value lines.", valueName: "path"))
    var paramsFile: String?

    @Flag(name: .long, help: "Reads are real; mutations are only logged.")
    var dryRun = false

    @Option(name: .customLong("target"), help: ArgumentHelp("Fan out: one target's own params, e.g. 'cluster=a app=X' (repeatable; label=… names it).", valueName: "params"))
    var targets: [String] = []

    @Option(name: .customLong("targets"), help: ArgumentHelp("Fan out over the targets in a file: a JSON array of objects, or one 'k=v k=v' line per target.", valueName: "path"))
    var targetsFile: String?

    @Option(name: .long, help: ArgumentHelp("Fan out: targets run at the same time (default: all).", valueName: "n"))
    var parallel: Int?

    @Flag(name: .long, help: "Fan out: start no further target once one has failed.")
    var failFast = false

    @OptionGroup var runtime: RuntimeOptions

    @OptionGroup var sandbox: SandboxFlags

    func validate() throws {
        if let parallel, parallel < 1 { throw ValidationError("--parallel must be at least 1") }
        if (parallel != nil || failFast) && targets.isEmpty && targetsFile == nil {
            throw ValidationError("--parallel and --fail-fast apply to a fan-out: give --target or --targets")
        }
    }

    func run() throws {
        var configuration = runtime.makeConfiguration(dryRun: dryRun)
        var (given, problems) = sharedParams()
        let (fanOut, targetProblems) = fanOutTargets()
        problems += targetProblems
        if !problems.isEmpty {
            configuration.log.log(.error, "invalid params:\n  " + problems.joined(separator: "\n  "))
            throw ExitStatus.usage
        }
        var fleet = fanOut
        var sandboxEnvironment: SandboxEnvironment?
        if sandbox.enabled {
            do {
                let paramSets = fleet.map { $0.map { $0.merged(with: given) } } ?? [given]
                let (environment, clock) = try sandbox.start(paramSets: paramSets, log: configuration.log)
                sandboxEnvironment = environment
                configuration.useSandbox(environment, clock: clock)
                if var targets = fleet {
                    // In the sandbox a `j-…` id cannot exist yet: each target gets its seeded cluster.
                    for index in targets.indices where index < environment.clusterIds.count
                        && targets[index].merged(with: given)["cluster"]?.hasPrefix("j-") == true {
                        targets[index].params["cluster"] = environment.clusterIds[index]
                    }
                    fleet = targets
                } else {
                    given = replacingClusterIds(given, with: environment.clusterId, log: configuration.log)
                }
            } catch {
                configuration.log.log(.error, "could not start the sandbox", fields: ["error": "\(error)"])
                throw ExitCode(1)
            }
        }
        let before = dryRun ? sandboxEnvironment?.snapshot() : nil
        if let fleet {
            let outcome = FanOutRunner.run(recipe: name, shared: given, targets: fleet, parallel: parallel ?? fleet.count,
                                           failFast: failFast, configuration: configuration)
            checkDryRun(before, sandboxEnvironment, log: configuration.log)
            FanOutSummary.write(outcome, to: configuration.log)
            sandboxEnvironment?.stop()
            SparkDeploy.exit(withError: outcome.status == .succeeded ? nil : ExitCode(outcome.status.exitCode))
        }
        let outcome = RecipeRunner.run(recipe: name, given: given, configuration: configuration)
        checkDryRun(before, sandboxEnvironment, log: configuration.log)
        sandboxEnvironment?.stop()
        Report.finish(outcome, log: configuration.log)
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
    private func checkDryRun(_ before: SimulatorSnapshot?, _ environment: SandboxEnvironment?, log: RunLog) {
        guard let before, let after = environment?.snapshot() else { return }
        let changes = SandboxEnvironment.changes(from: before, to: after)
        if changes.isEmpty {
            log.log(.info, "sandbox state unchanged by the dry run")
        } else {
            log.log(.error, "sandbox state CHANGED during a dry run", fields: ["changes": changes.joined(separator: "; ")])
        }
    }
}
