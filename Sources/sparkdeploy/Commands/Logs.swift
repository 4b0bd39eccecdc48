import ArgumentParser

/// `sparkdeploy logs`: the end of an application's AM container log, from its NodeManager.
struct Logs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",  // spelled out: deriving it from the type name costs a reflection scan at every start
        abstract: "Show the end of an application's AM container log (stderr by default) from its NodeManager.",
        discussion: """
            The container is the last attempt's AM container unless --container names another attempt's. Lines \
            go to stdout as they are (control characters escaped, secrets masked); --output json gives the app, \
            container, file, lines and whether the log was longer.

            Examples:
              sparkdeploy logs application_1700000000000_0042
              sparkdeploy logs application_1700000000000_0042 --tail 200 --file stdout
              sparkdeploy logs --name Aggregator --sandbox --scenario app-fails-to-start
            """
    )

    @Argument(help: ArgumentHelp("The application id (application_…).", valueName: "app-id"))
    var appId: String?

    @Option(name: .long, help: ArgumentHelp("The newest app with exactly this name instead of an id.", valueName: "name"))
    var name: String?

    @Option(name: .long, help: ArgumentHelp("An AM container of one of the app's attempts (default: the last attempt's).", valueName: "id"))
    var container: String?

    @Option(name: .long, help: ArgumentHelp("The log file.", valueName: "name"))
    var file = "stderr"

    @Option(name: .long, help: ArgumentHelp("At most this many lines from the end.", valueName: "n"))
    var tail = 40

    @OptionGroup var format: OpsFormatOptions

    @OptionGroup var runtime: RuntimeOptions

    @OptionGroup var rehearsal: RehearsalFlags

    /// The Lua the command runs: `yarn.diagnose` reads the log tail (and says why it could not).
    static let chunk = """
        local o = json.decode(arg[1])
        if o.name then
          local apps = yarn.apps{name = o.name}
          if #apps == 0 then error("logs --name " .. o.name .. ": no application has this name", 0) end
          table.sort(apps, function(a, b)
            if (a.started_at or 0) ~= (b.started_at or 0) then return (a.started_at or 0) > (b.started_at or 0) end
            return a.id > b.id
          end)
          o.app_id = apps[1].id
        else
          yarn.app(o.app_id)  -- an unknown id fails here, naming the RM endpoint
        end
        local d = yarn.diagnose(o.app_id, {log_lines = o.tail, log_bytes = math.max(4096, o.tail * 512),
          container = o.container, file = o.file})
        if d.am_log == nil then
          error("logs " .. o.app_id .. ": no " .. o.file .. " log to show: " .. table.concat(d.gaps or {}, "; "), 0)
        end
        return json.encode{app_id = o.app_id, state = d.app and d.app.state, container_id = d.am_log.container_id,
          file = d.am_log.file, lines = d.am_log.lines, truncated = d.am_log.truncated}
        """

    func validate() throws {
        if (appId == nil) == (name == nil) { throw ValidationError("give an application id or --name, not both") }
        if tail < 1 { throw ValidationError("--tail must be at least 1") }
        if file.isEmpty || file.contains("/") { throw ValidationError("--file must name a log file (stderr, stdout…), got '\(file)'") }
    }

    func run() throws {
        var input: [String: any Sendable] = ["tail": tail, "file": file]
        input["app_id"] = appId
        input["name"] = name
        input["container"] = container
        OpsRequest(
            command: "logs", chunk: Self.chunk, input: input, layout: .lines(key: "lines"), output: format.output,
            runtime: runtime.settings, rehearsal: rehearsal.settings
        ).execute()
    }
}
