import ArgumentParser

/// `sparkdeploy apps`: the ResourceManager's applications, without writing Lua.
struct Apps: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apps",  // spelled out: deriving it from the type name costs a reflection scan at every start
        abstract: "List YARN applications (id, name, state, queue, user, started, elapsed).",
        discussion: """
            Every filter is optional; all given filters must match. The result goes to stdout, logs to stderr.

            Examples:
              sparkdeploy apps --state RUNNING
              sparkdeploy apps --name Aggregator --state RUNNING --state ACCEPTED --output json
              sparkdeploy apps --state RUNNING --sandbox
            """
    )

    @Option(
        name: .long,
        help: ArgumentHelp("Only apps in this state (repeatable): NEW … RUNNING, FINISHED, FAILED, KILLED.", valueName: "state"))
    var state: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only apps in this queue (unfinished apps only).", valueName: "queue"))
    var queue: String?

    @Option(name: .long, help: ArgumentHelp("Only apps with exactly this name.", valueName: "name"))
    var name: String?

    @Option(name: .long, help: ArgumentHelp("Only apps this user submitted.", valueName: "user"))
    var user: String?

    @Option(name: .long, help: ArgumentHelp("At most this many apps.", valueName: "n"))
    var limit: Int?

    @OptionGroup var format: OpsFormatOptions

    @OptionGroup var runtime: RuntimeOptions

    @OptionGroup var rehearsal: RehearsalFlags

    /// The Lua the command runs: `yarn.apps` with the filter.
    static let chunk = """
        local o = json.decode(arg[1])
        return json.encode(yarn.apps{states = o.states, queue = o.queue, name = o.name, user = o.user, limit = o.limit})
        """

    /// The table's columns.
    static let columns = [
        OpsColumn(header: "ID", key: "id"), OpsColumn(header: "NAME", key: "name"), OpsColumn(header: "STATE", key: "state"),
        OpsColumn(header: "FINAL", key: "final_status"), OpsColumn(header: "QUEUE", key: "queue"), OpsColumn(header: "USER", key: "user"),
        OpsColumn(header: "STARTED", key: "started_at", style: .time), OpsColumn(header: "ELAPSED", key: "elapsed", style: .duration),
    ]

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        var input: [String: any Sendable] = ["states": state.map { $0.uppercased() }]
        input["queue"] = queue
        input["name"] = name
        input["user"] = user
        input["limit"] = limit
        OpsRequest(
            command: "apps", chunk: Self.chunk, input: input, layout: .rows(Self.columns), output: format.output,
            runtime: runtime.settings, rehearsal: rehearsal.settings
        ).execute()
    }
}
