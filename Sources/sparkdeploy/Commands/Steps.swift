import ArgumentParser

/// `sparkdeploy steps`: an EMR cluster's steps, without writing Lua.
struct Steps: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "steps",  // spelled out: deriving it from the type name costs a reflection scan at every start
        abstract: "List an EMR cluster's steps, newest first (id, name, state, created, build, failure).",
        discussion: """
            Examples:
              sparkdeploy steps --cluster streaming-prod
              sparkdeploy steps --cluster j-2AXXXXXXGAPLF --state PENDING --state RUNNING --output json
            """
    )

    @Option(name: .long, help: ArgumentHelp("The cluster: a j-… id or the exact name of an active cluster.", valueName: "cluster"))
    var cluster: String

    @Option(
        name: .long,
        help: ArgumentHelp("Only steps in this state (repeatable): PENDING, RUNNING, COMPLETED, CANCELLED, FAILED…", valueName: "state"))
    var state: [String] = []

    @OptionGroup var format: OpsFormatOptions

    @OptionGroup var runtime: RuntimeOptions

    @OptionGroup var rehearsal: RehearsalFlags

    /// The table's columns.
    static let columns = [
        OpsColumn(header: "ID", key: "id"), OpsColumn(header: "NAME", key: "name"), OpsColumn(header: "STATE", key: "state"),
        OpsColumn(header: "CREATED", key: "created_at", style: .time), OpsColumn(header: "BUILD", key: "build"),
        OpsColumn(header: "FAILURE", key: "failure"),
    ]

    /// The Lua the command runs: `emr.steps`, each with its build (the spark-submit jar or Python file).
    static let chunk = """
        local o = json.decode(arg[1])
        local filter = nil
        if #o.states > 0 then filter = {states = o.states} end
        local steps = emr.steps(emr.cluster(o.cluster), filter)
        for _, s in ipairs(steps) do
          if s.spark then s.build = s.spark.jar or s.spark.py end
        end
        return json.encode(steps)
        """

    func run() throws {
        let input: [String: any Sendable] = ["cluster": cluster, "states": state.map { $0.uppercased() }]
        OpsRequest(
            command: "steps", chunk: Self.chunk, input: input, layout: .rows(Self.columns), output: format.output,
            runtime: runtime.settings, rehearsal: rehearsal.settings
        ).execute()
    }
}
