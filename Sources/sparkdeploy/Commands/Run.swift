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

    @Argument(
        help: "Recipe name (a file in the recipes directory) or a path to a .lua file.",
        completion: RecipeCompletion.recipeNames)
    var name: String

    @Option(name: RunOptions.params.names, help: RunOptions.params.argumentHelp, completion: RecipeCompletion.paramNames)
    var params: [String] = []

    @Option(name: RunOptions.paramsFile.names, help: RunOptions.paramsFile.argumentHelp)
    var paramsFile: String?

    @Flag(name: RunOptions.dryRun.names, help: RunOptions.dryRun.argumentHelp)
    var dryRun = false

    @Option(name: RunOptions.target.names, help: RunOptions.target.argumentHelp)
    var targets: [String] = []

    @Option(name: RunOptions.targetsFile.names, help: RunOptions.targetsFile.argumentHelp)
    var targetsFile: String?

    @Option(name: RunOptions.parallel.names, help: RunOptions.parallel.argumentHelp)
    var parallel: Int?

    @Flag(name: RunOptions.failFast.names, help: RunOptions.failFast.argumentHelp)
    var failFast = false

    @Flag(name: RunOptions.resume.names, help: RunOptions.resume.argumentHelp)
    var resume = false

    @Flag(name: RunOptions.abandon.names, help: RunOptions.abandon.argumentHelp)
    var abandon = false

    @Option(
        name: RunOptions.summaryFile.names, help: RunOptions.summaryFile.argumentHelp, completion: .file(extensions: ["md", "json"]))
    var summaryFiles: [String] = []

    @OptionGroup var runtime: RuntimeOptions

    @OptionGroup var rehearsal: RehearsalFlags

    /// The parsed values.
    var request: RunRequest {
        RunRequest(
            name: name, params: params, paramsFile: paramsFile, dryRun: dryRun, targets: targets,
            targetsFile: targetsFile, parallel: parallel, failFast: failFast, resume: resume, abandon: abandon,
            summaryFiles: summaryFiles, runtime: runtime.settings, rehearsal: rehearsal.settings)
    }

    func validate() throws {
        if let problem = request.problem { throw ValidationError(problem) }
    }

    func run() throws {
        request.execute()
    }
}
