import ArgumentParser

/// `sparkdeploy kill`: kills a YARN application by id or by name, recorded in the audit trail like any mutation.
struct Kill: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kill",  // spelled out: deriving it from the type name costs a reflection scan at every start
        abstract: "Kill a YARN application by id, or the one unfinished app with a name.",
        discussion: """
            A mutation: it appears in the summary's audit trail; with --dry-run nothing is killed and the command says \
            what it would do. --name refuses when several unfinished apps have the name (it lists them).

            Examples:
              sparkdeploy kill application_1700000000000_0042
              sparkdeploy kill --name Aggregator --wait --timeout 60 --diagnostics 'stuck since 02:00'
              sparkdeploy kill --name Aggregator --dry-run --sandbox
            """
    )

    @Argument(help: ArgumentHelp("The application id (application_…).", valueName: "app-id"))
    var appId: String?

    @Option(name: .long, help: ArgumentHelp("Kill the one unfinished app with exactly this name instead.", valueName: "name"))
    var name: String?

    @Flag(
        name: .long,
        help: "Wait until the app is in a terminal state (KILLED, FINISHED or FAILED); --timeout bounds the wait (default 120 s).")
    var wait = false

    @Option(name: .long, help: ArgumentHelp("A message the RM records with the kill (Hadoop ≥ 3.0).", valueName: "text"))
    var diagnostics: String?

    @Flag(name: ExecOptions.dryRun.names, help: ExecOptions.dryRun.argumentHelp)
    var dryRun = false

    @OptionGroup var format: OpsFormatOptions

    @OptionGroup var runtime: RuntimeOptions

    @OptionGroup var rehearsal: RehearsalFlags

    /// Seconds the run's deadline adds to `--timeout` with `--wait`.
    static let reportingMargin = 15.0

    /// What a table shows of the kill.
    static let columns = [
        OpsColumn(header: "action", key: "action"), OpsColumn(header: "id", key: "id"), OpsColumn(header: "name", key: "name"),
        OpsColumn(header: "state before", key: "state_before"), OpsColumn(header: "state", key: "state"),
        OpsColumn(header: "dry run", key: "dry_run"),
    ]

    /// The Lua the command runs: finds the app, then `yarn.kill` (logged only under `--dry-run`).
    static let chunk = """
        local o = json.decode(arg[1])
        local app
        if o.app_id then
          app = yarn.app(o.app_id)
        else
          app = yarn.find_app{name = o.name, states = {"NEW", "NEW_SAVING", "SUBMITTED", "ACCEPTED", "RUNNING"}}
          if app == nil then error("kill --name " .. o.name .. ": no unfinished application has this name", 0) end
        end
        local killed = yarn.kill(app, {wait = o.wait, timeout = o.timeout, diagnostics = o.diagnostics})
        local action = "killed"
        if killed.dry_run then action = "would kill" end
        return json.encode{action = action, id = app.id, name = app.name, state_before = app.state,
          state = killed.state, dry_run = killed.dry_run == true}
        """

    func validate() throws {
        if (appId == nil) == (name == nil) { throw ValidationError("give an application id or --name, not both") }
    }

    func run() throws {
        var input: [String: any Sendable] = ["wait": wait]
        input["app_id"] = appId
        input["name"] = name
        input["diagnostics"] = diagnostics
        var settings = runtime.settings
        if wait, let seconds = settings.timeout {
            // --timeout bounds the wait; the run's deadline leaves room to report what the wait saw.
            input["timeout"] = seconds
            settings.timeout = seconds + Self.reportingMargin
        }
        OpsRequest(
            command: "kill", chunk: Self.chunk, input: input, layout: .record(Self.columns), output: format.output, dryRun: dryRun,
            runtime: settings, rehearsal: rehearsal.settings
        ).execute()
    }
}
