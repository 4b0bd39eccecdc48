import ArgumentParser

/// `sparkdeploy status`: what runs of an app now — id, state, elapsed, queue, its build and its Spark progress.
struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",  // spelled out: deriving it from the type name costs a reflection scan at every start
        abstract: "Show what runs of an app: id, state, elapsed, queue, build (with --cluster) and Spark progress.",
        discussion: """
            The app is the unfinished one with the name (the newest, when several run: the others are listed), or, \
            when none runs, the latest one. With --cluster the build comes from the app's EMR step (its spark-submit \
            jar). Spark progress is read from the driver through the RM's web proxy when it answers.

            Examples:
              sparkdeploy status --app Aggregator
              sparkdeploy status --app Aggregator --cluster streaming-prod --output json
            """
    )

    @Option(name: .long, help: ArgumentHelp("The application's name (exact).", valueName: "name"))
    var app: String

    @Option(name: .long, help: ArgumentHelp("The EMR cluster (j-… id or name) whose step says which build runs.", valueName: "cluster"))
    var cluster: String?

    @OptionGroup var format: OpsFormatOptions

    @OptionGroup var runtime: RuntimeOptions

    @OptionGroup var rehearsal: RehearsalFlags

    /// What a table shows, one line each.
    static let columns = [
        OpsColumn(header: "app", key: "id"), OpsColumn(header: "name", key: "name"), OpsColumn(header: "state", key: "state"),
        OpsColumn(header: "final status", key: "final_status"), OpsColumn(header: "elapsed", key: "elapsed", style: .duration),
        OpsColumn(header: "started", key: "started_at", style: .time), OpsColumn(header: "queue", key: "queue"),
        OpsColumn(header: "build", key: "build"), OpsColumn(header: "step", key: "step_id"),
        OpsColumn(header: "spark jobs done", key: "completed_jobs"), OpsColumn(header: "spark jobs failed", key: "failed_jobs"),
        OpsColumn(header: "batches done", key: "completed_batches"), OpsColumn(header: "executors", key: "active_executors"),
        OpsColumn(header: "spark", key: "spark_unavailable"), OpsColumn(header: "also running", key: "others"),
    ]

    /// The Lua the command runs: the app, its step's build, its Spark progress.
    static let chunk = """
        local o = json.decode(arg[1])
        local apps = yarn.apps{name = o.app}
        if #apps == 0 then error("status --app " .. o.app .. ": no application has this name", 0) end
        local unfinished = {NEW = true, NEW_SAVING = true, SUBMITTED = true, ACCEPTED = true, RUNNING = true}
        table.sort(apps, function(a, b) return (a.started_at or 0) > (b.started_at or 0) end)
        local running = {}
        for _, a in ipairs(apps) do if unfinished[a.state] then running[#running + 1] = a end end
        local app = running[1] or apps[1]
        local out = {id = app.id, name = app.name, state = app.state, final_status = app.final_status,
          elapsed = app.elapsed, started_at = app.started_at, queue = app.queue}
        if #running > 1 then
          out.others = {}
          for i = 2, #running do out.others[#out.others + 1] = running[i].id end
        end
        if o.cluster then
          local steps = emr.steps(emr.cluster(o.cluster), {name = o.app})
          local step
          for _, s in ipairs(steps) do
            if step == nil or (s.state == "RUNNING" and step.state ~= "RUNNING") then step = s end
          end
          if step then
            out.step_id = step.id
            if step.spark then out.build = step.spark.jar or step.spark.py end
          end
        end
        if app.state == "RUNNING" then
          local ok, progress = pcall(function() return yarn.spark(app):progress() end)
          if ok then
            out.completed_jobs = progress.completed_jobs
            out.failed_jobs = progress.failed_jobs
            out.completed_batches = progress.completed_batches
            out.active_executors = progress.active_executors
          else
            out.spark_unavailable = "the driver did not answer: " .. tostring(progress)
          end
        end
        return json.encode(out)
        """

    func run() throws {
        var input: [String: any Sendable] = ["app": app]
        input["cluster"] = cluster
        OpsRequest(
            command: "status", chunk: Self.chunk, input: input, layout: .record(Self.columns), output: format.output,
            runtime: runtime.settings, rehearsal: rehearsal.settings
        ).execute()
    }
}
