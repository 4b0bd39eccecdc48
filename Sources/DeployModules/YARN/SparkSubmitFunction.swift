import DeployRuntime
import Foundation
import LuaHost
import SparkDeployCore
import Synchronization
import YARN

/// `yarn.spark_submit{…}`: submits a Spark application with the real `spark-submit` (the route for YARN
/// clusters without EMR or Livy), only with `--allow-exec`. The command line comes from ``SparkSubmitSpec``
/// (YARN cluster mode, the client never waits for the app); the process runs through the runtime's one
/// process runner (``ProcessRun``: time limit, cancellation, its process group killed); each output line goes
/// to the run's log at debug level, redacted; the application id is read from the output.
extension YARNModuleProvider {
    /// The lines of output kept for `output_tail` and errors.
    static let sparkSubmitTailLines = 40
    /// The output lines an error message quotes (the rest is in the error's `output_tail`).
    static let sparkSubmitMessageLines = 12
    /// The most output the process runner keeps (bytes); lines go to the log as they come either way.
    static let sparkSubmitOutputLimit = 1 << 20

    static let sparkSubmitRecords = [
        RecordSpec(
            "SparkSubmitSpec", doc: "What yarn.spark_submit takes: the build to submit and how.",
            fields: [
                FieldSpec("jar", .string, optional: false, doc: "the application jar or .py file (a path or a URI YARN can fetch)"),
                FieldSpec("class", .string, doc: "the main class (optional for .py and for jars whose manifest names one)"),
                FieldSpec("args", .array(.string), doc: "the application's arguments"),
                FieldSpec(
                    "conf", .table, doc: "Spark properties {[key] = string|number|boolean}; secret-looking values are masked when shown"),
                FieldSpec("name", .string, doc: "the application name (--name)"),
                FieldSpec("queue", .string, doc: "the YARN queue (--queue)"),
                FieldSpec("tags", .array(.string), doc: "YARN application tags (spark.yarn.tags); no commas"),
                FieldSpec("master", .string, doc: "the master (default yarn; local[1] for a local run)"),
                FieldSpec("deploy_mode", .string, doc: "cluster (default) or client"),
                FieldSpec("timeout", .number, doc: "seconds before spark-submit is killed (default 300)"),
                FieldSpec("spark_home", .string, doc: "the Spark installation (default $SPARK_HOME; else spark-submit from PATH)"),
                FieldSpec("driver_memory", .oneOf([.string, .integer]), doc: "--driver-memory (2g, 1536m)"),
                FieldSpec("executor_memory", .oneOf([.string, .integer]), doc: "--executor-memory"),
                FieldSpec("num_executors", .integer, doc: "--num-executors"),
                FieldSpec("executor_cores", .integer, doc: "--executor-cores"),
                FieldSpec("files", .array(.string), doc: "--files"),
                FieldSpec("py_files", .array(.string), doc: "--py-files"),
            ]),
        RecordSpec(
            "SparkSubmitResult", doc: "What yarn.spark_submit returns.", closed: false,
            fields: [
                FieldSpec("app_id", .string, doc: "application_… on YARN; local-… in local mode with an event log; nil if not printed"),
                FieldSpec("exit_code", .integer, doc: "spark-submit's exit code (0)"),
                FieldSpec("command", .array(.string), doc: "the command it ran, secret conf values masked"),
                FieldSpec("output_tail", .string, doc: "the last lines of its output, redacted"),
                FieldSpec("dry_run", .boolean, doc: "true when --dry-run only recorded it"),
            ]),
    ]

    /// `yarn.spark_submit_program(spark_home?)`: the executable `yarn.spark_submit` would run, or nil and the name looked for.
    static func sparkSubmitProgramFunction(_ session: YARNSession) -> HostFunction {
        HostFunction(
            FunctionSpec(
                module: "yarn", name: "spark_submit_program",
                params: [ParamSpec("spark_home", .string, optional: true, doc: "the Spark installation (default $SPARK_HOME)")],
                returns: "string?, string",
                doc: "The spark-submit executable yarn.spark_submit would run ($SPARK_HOME/bin/spark-submit, else spark-submit "
                    + "from PATH), or nil when there is none; the second value is the command looked for. Ask before a step "
                    + "that cannot be undone without it.")
        ) { call in
            let environment = session.context?.environment ?? [:]
            let command = SparkSubmitProgram.command(
                home: SparkSubmitProgram.sparkHome(explicit: try call.optionalString(1), environment: environment))
            let found = ExecutableLookup.find(command, path: environment["PATH"])
            return [found.map(LuaValue.string) ?? .nil, .string(command)]
        }
    }

    static func sparkSubmitFunction(_ session: YARNSession) -> HostFunction {
        HostFunction(
            FunctionSpec(
                module: "yarn", name: "spark_submit", params: [ParamSpec("spec", .record("SparkSubmitSpec"))],
                returns: "SparkSubmitResult",
                doc: "Submits a Spark application with spark-submit (only with --allow-exec): `--master yarn --deploy-mode cluster` "
                    + "by default, conf sorted, tags as spark.yarn.tags, and spark.yarn.submit.waitAppCompletion=false (the client "
                    + "never waits for a streaming job). Output goes to the log (debug, redacted); returns the application id it "
                    + "printed. A non-zero exit is spark_submit.failed, the time limit spark_submit.timeout (the process is killed); "
                    + "under --dry-run it is only recorded.",
                mutates: true)
        ) { call in
            let function = call.spec.qualifiedName
            let options = try call.options(1)
            let spec = try sparkSubmitSpec(options, call: call)
            let shown: [String]
            do throws(SparkSubmitSpecError) { shown = try spec.maskedArguments(mask: Redactor.mask) } catch {
                throw HostError.field(function, index: 1, name: "spec", field: error.field, problem: error.problem)
            }
            let timeout = try options.duration("timeout") ?? 300
            guard let context = session.context else { return [] }
            guard context.allowExec else {
                throw HostError(
                    kind: .sandbox, message: "\(function): running spark-submit is not allowed (run with --allow-exec)",
                    code: "spark_submit.notAllowed")
            }
            let home = SparkSubmitProgram.sparkHome(explicit: try options.string("spark_home"), environment: context.environment)
            let program = SparkSubmitProgram.command(home: home)
            let command = [program] + shown
            let entry = context.recordMutation(
                "yarn.spark_submit", target: spec.name ?? spec.application, details: command.joined(separator: " "))
            if context.dryRun {
                return [
                    .map([
                        "app_id": spec.runsOnYARN ? .string("application_dry_run") : .nil, "exit_code": .integer(0),
                        "command": .array(command), "output_tail": .string(""), "dry_run": .boolean(true),
                    ])
                ]
            }
            Redactor.shared.register(secrets: spec.secretValues)
            var environment = context.environment
            if let home { environment["SPARK_HOME"] = home }
            let run = SparkSubmitRun(log: context.log, function: function, command: command, tailLines: sparkSubmitTailLines)
            context.log.log(.info, "spark-submit started", fields: ["command": command.joined(separator: " ")])
            let result: ProcessRun.Result
            do throws(HostError) {
                // The arguments validated above: the same spec, so they cannot fail now.
                let arguments = (try? spec.arguments()) ?? []
                result = try ProcessRun.run(
                    program, arguments, timeout: timeout, token: context.token, limit: sparkSubmitOutputLimit,
                    environment: environment, caller: ProcessRun.Caller(function: function, codePrefix: "spark_submit"),
                    onLine: run.take)
            } catch {
                let failure = run.failure(error)
                context.mutationEnded(entry, error: failure.message)
                throw failure
            }
            let appID = run.applicationID
            context.log.log(
                result.code == 0 ? .info : .warning, "spark-submit finished",
                fields: [
                    "exit_code": String(result.code), "app_id": appID ?? "-",
                    "duration": DecimalText.fixed(result.seconds, digits: 2) + "s",
                ])
            if result.code != 0 {
                let failure = run.failed(code: result.code)
                context.mutationEnded(entry, error: failure.message)
                throw failure
            }
            if appID == nil, spec.runsOnYARN {
                let failure = run.noApplicationID()
                context.mutationEnded(entry, error: failure.message)
                throw failure
            }
            context.mutationEnded(entry, result: appID ?? "exit 0")
            return [
                .map([
                    "app_id": .optional(appID), "exit_code": .integer(Int64(result.code)), "command": .array(command),
                    "output_tail": .string(run.tail), "dry_run": .boolean(false),
                ])
            ]
        }
    }

    /// The spec from the Lua table; type errors name the field.
    static func sparkSubmitSpec(_ o: HostOptions, call: HostCall) throws(HostError) -> SparkSubmitSpec {
        let function = call.spec.qualifiedName
        func memory(_ field: String) throws(HostError) -> String? {
            if let number = o.table[field].integerValue, o.table[field].stringValue == nil { return String(number) }
            return try o.string(field)
        }
        guard let jar = try o.string("jar") else {
            throw HostError.field(function, index: 1, name: "spec", field: "jar", problem: "is required (the application jar or .py file)")
        }
        var properties: [String: String] = [:]
        if let conf = try o.table("conf") {
            guard conf.sequence.isEmpty else {
                throw HostError.field(
                    function, index: 1, name: "spec", field: "conf", problem: "must be a map {[key] = value}, not a list")
            }
            for (key, value) in conf.fields {
                guard case .string(let name) = key else {
                    throw HostError.field(
                        function, index: 1, name: "spec", field: "conf", problem: "has a key that is not a string: \(key)")
                }
                guard let text = propertyText(value) else {
                    throw HostError.field(
                        function, index: 1, name: "spec", field: "conf",
                        problem: "value of '\(name)' must be a string, number or boolean, got \(value.typeName)")
                }
                properties[name] = text
            }
        }
        return SparkSubmitSpec(
            application: jar, mainClass: try o.string("class"), applicationArguments: try o.strings("args") ?? [],
            properties: properties, name: try o.string("name"), queue: try o.string("queue"), tags: try o.strings("tags") ?? [],
            master: try o.string("master") ?? "yarn", deployMode: try o.string("deploy_mode") ?? "cluster",
            driverMemory: try memory("driver_memory"), executorMemory: try memory("executor_memory"),
            numExecutors: try o.integer("num_executors").map { Int(clamping: $0) },
            executorCores: try o.integer("executor_cores").map { Int(clamping: $0) },
            files: try o.strings("files") ?? [], pyFiles: try o.strings("py_files") ?? [])
    }

    /// A conf value as spark-submit gets it: strings as they are, integral numbers without `.0`, booleans as `true`/`false`.
    static func propertyText(_ value: LuaValue) -> String? {
        switch value {
        case .string, .bytes: return value.stringValue
        case .integer(let i): return String(i)
        case .number(let d):
            if d.isFinite, d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
            return d.isFinite ? String(d) : nil
        case .boolean(let b): return b ? "true" : "false"
        default: return nil
        }
    }
}
