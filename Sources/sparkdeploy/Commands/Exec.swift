import ArgumentParser

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

    @Option(name: ExecOptions.expression.names, help: ExecOptions.expression.argumentHelp)
    var expression: String?

    @Argument(help: "A Lua file to run (when -e is not given), then its arguments.")
    var arguments: [String] = []

    @Flag(name: ExecOptions.dryRun.names, help: ExecOptions.dryRun.argumentHelp)
    var dryRun = false

    @Option(name: ExecOptions.output.names, help: ExecOptions.output.argumentHelp)
    var output: String = "text"

    @OptionGroup var runtime: RuntimeOptions

    @OptionGroup var rehearsal: RehearsalFlags

    /// The parsed values.
    var request: ExecRequest {
        ExecRequest(
            expression: expression, arguments: arguments, dryRun: dryRun, output: output,
            runtime: runtime.settings, rehearsal: rehearsal.settings)
    }

    func validate() throws {
        if let problem = request.problem { throw ValidationError(problem) }
    }

    func run() throws {
        request.execute()
    }
}
