import ArgumentParser

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

    @Flag(name: .long, help: "An unfinished deploy under the same lease (its runner died): continue it as its journal records it, even where the cluster disagrees.")
    var resume = false

    @Flag(name: .long, help: "An unfinished deploy under the same lease: set its journal aside and start from what the cluster shows.")
    var abandon = false

    @OptionGroup var runtime: RuntimeOptions

    @OptionGroup var rehearsal: RehearsalFlags

    /// The parsed values.
    var request: RunRequest {
        RunRequest(name: name, params: params, paramsFile: paramsFile, dryRun: dryRun, targets: targets,
                   targetsFile: targetsFile, parallel: parallel, failFast: failFast, resume: resume, abandon: abandon,
                   runtime: runtime.settings, rehearsal: rehearsal.settings)
    }

    func validate() throws {
        if let problem = request.problem { throw ValidationError(problem) }
    }

    func run() throws {
        request.execute()
    }
}
