import ArgumentParser
import DeployRuntime
import Foundation

/// `sparkdeploy exec -e CODE` or `sparkdeploy exec FILE`.
struct Exec: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",  // spelled out: deriving it from the type name costs a reflection scan at every start
        abstract: "Run ad-hoc Lua with the yarn, emr and helper modules loaded.",
        discussion: """
        Returned values are printed. No recipe{} is needed; params is empty, arg holds extra arguments.

        Examples:
          sparkdeploy exec -e 'print(1 + 1)'
          sparkdeploy exec -e 'for _, a in ipairs(yarn.apps{states={"RUNNING"}}) do print(a.id, a.name) end'
          sparkdeploy exec ops/fix-queue.lua queue-a
        """
    )

    @Option(name: .shortAndLong, help: ArgumentHelp("Lua code to run.", valueName: "code"))
    var expression: String?

    @Argument(help: "A Lua file to run (when -e is not given), then its arguments.")
    var arguments: [String] = []

    @Flag(name: .long, help: "Reads are real; mutations are only logged.")
    var dryRun = false

    @OptionGroup var runtime: RuntimeOptions

    @OptionGroup var sandbox: SandboxFlags

    func validate() throws {
        if expression == nil && arguments.isEmpty { throw ValidationError("give -e CODE or a Lua file") }
    }

    func run() throws {
        var configuration = runtime.makeConfiguration(dryRun: dryRun)
        var sandboxEnvironment: SandboxEnvironment?
        if sandbox.enabled {
            let (environment, clock) = try sandbox.start(params: ["cluster": "streaming-prod", "app": "Aggregator"], log: configuration.log)
            sandboxEnvironment = environment
            configuration.useSandbox(environment, clock: clock)
        }
        defer { sandboxEnvironment?.stop() }
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
                throw ExitStatus.usage
            }
            source = String(decoding: data, as: UTF8.self)
            chunkName = "@" + path
        }
        let outcome = RecipeRunner.exec(source: source, chunkName: chunkName, arguments: args, configuration: configuration)
        if outcome.status == .succeeded, !outcome.results.isEmpty {
            print(outcome.results.joined(separator: "\t"))
        }
        Report.finish(outcome, log: configuration.log, summary: !outcome.mutations.isEmpty || outcome.status != .succeeded)
    }
}
