import ArgumentParser
import DeployRuntime

/// `sparkdeploy run NAME -p key=value …`
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a recipe.",
        discussion: """
        Params are checked against the recipe's recipe{} declaration before anything runs; \
        every problem is listed at once (exit 2).

        Examples:
          sparkdeploy run redeploy-streaming -p cluster=j-2AXXXXXXGAPLF -p app=Aggregator -p jar=s3://b/agg.jar -p class=com.acme.Aggregator
          sparkdeploy run redeploy-streaming --dry-run --params-file deploy.json
          sparkdeploy run stop -p cluster=streaming-prod -p app=Aggregator --log-format json
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

    @OptionGroup var runtime: RuntimeOptions

    @OptionGroup var sandbox: SandboxFlags

    func run() throws {
        var configuration = runtime.makeConfiguration(dryRun: dryRun)
        var given: [String: String] = [:]
        var problems: [String] = []
        if let paramsFile {
            let (values, fileProblems) = ParamsParser.readFile(paramsFile)
            given.merge(values) { _, new in new }
            problems += fileProblems
        }
        let (values, flagProblems) = ParamsParser.split(params)
        given.merge(values) { _, new in new }
        problems += flagProblems
        if !problems.isEmpty {
            configuration.log.log(.error, "invalid params:\n  " + problems.joined(separator: "\n  "))
            throw ExitStatus.usage
        }
        var sandboxEnvironment: SandboxEnvironment?
        if sandbox.enabled {
            do {
                let (environment, clock) = try sandbox.start(params: given, log: configuration.log)
                sandboxEnvironment = environment
                configuration.useSandbox(environment, clock: clock)
                if let id = environment.clusterId, given["cluster"]?.hasPrefix("j-") == true {
                    configuration.log.log(.info, "sandbox: cluster param replaced by the seeded cluster", fields: ["cluster": id])
                    given["cluster"] = id
                }
            } catch {
                configuration.log.log(.error, "could not start the sandbox", fields: ["error": "\(error)"])
                throw ExitCode(1)
            }
        }
        let before = dryRun ? sandboxEnvironment?.snapshot() : nil
        let outcome = RecipeRunner.run(recipe: name, given: given, configuration: configuration)
        if let before, let after = sandboxEnvironment?.snapshot() {
            let changes = SandboxEnvironment.changes(from: before, to: after)
            if changes.isEmpty {
                configuration.log.log(.info, "sandbox state unchanged by the dry run")
            } else {
                configuration.log.log(.error, "sandbox state CHANGED during a dry run", fields: ["changes": changes.joined(separator: "; ")])
            }
        }
        sandboxEnvironment?.stop()
        Report.finish(outcome, log: configuration.log)
    }
}
