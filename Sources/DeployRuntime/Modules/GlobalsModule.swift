import Foundation
import LuaHost
import SparkDeployCore

/// The globals every recipe sees: `recipe`, `log`, `sleep`, `now`, `env`, `fail`, `json`,
/// plus the `__host` primitives the Lua prelude builds `stage`, `retry`, `wait_until` and
/// `require` on. `context` is nil when only the signatures are wanted (`sparkdeploy api`).
package enum GlobalsModule {
    static func modules(_ context: RunContext?) -> [HostModule] {
        var g = globals(context)
        g.functions += LockModule.module(context).functions
        g.records += LockModule.records
        return [g, logModule(context), jsonModule(), JournalModule.module(context), ExecModule.module(context), hostPrimitives(context)]
    }

    static let recipeRecord = RecordSpec(
        "RecipeSpec", doc: "What recipe{} declares.", closed: false,  // check reports every unknown key (MetadataReader)
        fields: [
            FieldSpec("description", .string, doc: "one paragraph shown by list and describe"),
            FieldSpec("params", .table, doc: "name → ParamSpec"),
            FieldSpec("timeout", .number, doc: "default deadline in seconds"),
        ])

    static let whyRecord = RecordSpec(
        "WhyReport", doc: "What why{} takes: a Diagnosis (rm:diagnose) with what failed, the cause and the EMR step.", closed: false,
        fields: [
            FieldSpec("subject", .string, doc: "what failed (\"new build s3://…/app-1.5.jar\")"),
            FieldSpec("cause", .string, doc: "the cause, one line"),
            FieldSpec("step", .table, doc: "an EMR step table (its failure_details are shown)"),
            FieldSpec("app", .table, doc: "{id, state, final_status, diagnostics}"),
            FieldSpec("attempts", .array(.table), doc: "{id, state, diagnostics}"),
            FieldSpec("am_log", .table, doc: "{container_id, file, lines, truncated}"),
            FieldSpec("failed_jobs", .array(.table), doc: "{id, name, reason}"),
            FieldSpec("gaps", .array(.string), doc: "what could not be collected"),
        ])

    static let paramRecord = RecordSpec(
        "ParamSpec", doc: "One recipe parameter.",
        fields: [
            FieldSpec("type", .string, doc: "string | number | integer | boolean | list"),
            FieldSpec("required", .boolean, doc: "must be given (a default satisfies it)"),
            FieldSpec("default", .any, doc: "value when not given"),
            FieldSpec("help", .string, doc: "one line of help"),
            FieldSpec("choices", .array(.string), doc: "allowed values"),
            FieldSpec("secret", .boolean, doc: "redact the value everywhere"),
            FieldSpec("min", .number, doc: "smallest value allowed (number, integer)"),
            FieldSpec("max", .number, doc: "largest value allowed (number, integer)"),
            FieldSpec("nonempty", .boolean, doc: "refuse an empty string or list"),
            FieldSpec("pattern", .oneOf([.string, .array(.string)]), doc: "Lua pattern(s) the value must match, any one (string, list)"),
        ])

    private static func globals(_ context: RunContext?) -> HostModule {
        HostModule(
            name: "_G", doc: "Global functions available to every recipe.",
            functions: [
                HostFunction(
                    FunctionSpec(
                        module: "_G", name: "recipe", params: [ParamSpec("spec", .record("RecipeSpec"))],
                        doc: "Declares the recipe's description and params; must come first.")
                ) { call in
                    guard let context else { return [] }
                    context.awaitingRecipe = false
                    if context.metadataMode {
                        context.capturedMetadata = try call.table(1)
                        throw HostError(kind: .failed, message: "metadata captured", code: "SparkDeployMetadataCaptured")
                    }
                    return []
                },
                HostFunction(
                    FunctionSpec(
                        module: "_G", name: "report", params: [ParamSpec("text", .string)],
                        doc:
                            "Adds a line to the `report:` section of the run summary (and `report` in the JSON summary): what the run did that the operator must know, e.g. whether a stop was graceful."
                    )
                ) { call in
                    let text = try call.string(1)
                    guard let context else { return [] }
                    context.reportLines.append(OutsideText.escapingControls(text))
                    context.log.log(.info, "report", fields: ["text": text])
                    return []
                },
                HostFunction(
                    FunctionSpec(
                        module: "_G", name: "why", params: [ParamSpec("report", .record("WhyReport"))],
                        doc:
                            "Reports why the run failed (rm:diagnose(app) plus subject, cause and step): printed under `why:` in the summary, one {\"event\":\"why\"} record in JSON logs."
                    )
                ) { call in
                    let report = try WhyReport(try call.table(1), function: "why")
                    guard let context else { return [] }
                    context.whyReports.append(report)
                    if context.log.configuration.format == .json { context.log.write(report.jsonRecord) }
                    return []
                },
                HostFunction(
                    FunctionSpec(
                        module: "_G", name: "sleep", params: [ParamSpec("seconds", .number)],
                        doc: "Sleeps on the run clock; interrupted promptly by the deadline or a signal.")
                ) { call in
                    let seconds = try call.duration(1)
                    try context?.sleep(seconds)
                    return []
                },
                HostFunction(
                    FunctionSpec(
                        module: "_G", name: "now", returns: "number",
                        doc: "Seconds since the epoch on the run clock (virtual in --sandbox).")
                ) { _ in
                    [.number(context?.clock.now() ?? Date().timeIntervalSince1970)]
                },
                HostFunction(
                    FunctionSpec(
                        module: "_G", name: "env", params: [ParamSpec("name", .string), ParamSpec("default", .string, optional: true)],
                        returns: "string|nil", doc: "An environment variable, or `default`.")
                ) { call in
                    let name = try call.string(1)
                    let fallback = try call.optionalString(2)
                    return [.optional(context?.environment[name] ?? fallback)]
                },
                HostFunction(
                    FunctionSpec(
                        module: "_G", name: "fail", params: [ParamSpec("message", .string), ParamSpec("fields", .table, optional: true)],
                        doc:
                            "Fails the run with `message` (exit code 1), shown without a traceback; the error table has `deliberate = true`. "
                            + "With `fields.usage = true` it is a refusal (exit code 2, as for bad params): the recipe cannot run on this target "
                            + "and touched nothing."
                    )
                ) { call in
                    var details: [String: LuaValue] = [:]
                    for key in try call.options(2).table.stringKeys { details[key] = try call.table(2)[key] }
                    details["deliberate"] = .boolean(true)  // shown without a traceback (FailureText)
                    throw HostError(kind: .failed, message: try call.string(1), details: details)
                },
                HostFunction(
                    FunctionSpec(
                        module: "_G", name: "describe_now", params: [ParamSpec("fn", .function)],
                        doc: "Registers `fn() -> string[, ids]`, called at every exit of the run (success, failure, deadline, signal; "
                            + "after a deadline or signal with a few seconds of its own) to say what runs now: the summary's "
                            + "last line `now: …` and `now` in the JSON summary. `ids`, a table of strings such as "
                            + "`{ app_id = …, step_id = … }`, names what runs for machines (`now_fields` in the JSON summary and "
                            + "`--summary-file`). The last registration wins.")
                ) { call in
                    let function = try call.function(1)
                    call.retain(function)
                    context?.describeNow = function
                    return []
                },
            ], records: [recipeRecord, paramRecord, whyRecord])
    }

    private static func logModule(_ context: RunContext?) -> HostModule {
        func level(_ name: String, _ level: LogLevel, _ doc: String) -> HostFunction {
            HostFunction(
                FunctionSpec(
                    module: "log", name: name,
                    params: [ParamSpec("message", .string), ParamSpec("fields", .table, optional: true)],
                    doc: doc)
            ) { call in
                context?.logFromLua(level, try call.string(1), fields: try call.options(2).table)
                return []
            }
        }
        return HostModule(
            name: "log", doc: "Structured logging: a short message plus fields; secrets are redacted.",
            functions: [
                level("trace", .trace, "Logs at trace level (-vv)."),
                level("debug", .debug, "Logs at debug level (-v)."),
                level("info", .info, "Logs at info level."),
                level("warn", .warning, "Logs a warning."),
                level("error", .error, "Logs an error (does not stop the run; use fail)."),
            ])
    }

    /// A field value as a log shows it: scalars as text, tables as compact JSON.
    package static func render(_ value: LuaValue) -> String {
        switch value {
        case .string(let s): return s
        case .integer(let i): return String(i)
        case .number(let d): return JSONBridge.format(d)
        case .boolean(let b): return String(b)
        case .nil: return "nil"
        default: return (try? JSONBridge.encode(value, pretty: false)) ?? value.typeName
        }
    }

    private static func jsonModule() -> HostModule {
        HostModule(
            name: "json", doc: "JSON encoding and decoding.",
            functions: [
                HostFunction(
                    FunctionSpec(
                        module: "json", name: "encode",
                        params: [ParamSpec("value", .any), ParamSpec("opts", .record("JSONOptions"), optional: true)],
                        returns: "string", doc: "Encodes a value as JSON (keys sorted; `{pretty=true}` indents).")
                ) { call in
                    do {
                        return [.string(try JSONBridge.encode(call.value(1), pretty: try call.options(2).boolean("pretty") ?? false))]
                    } catch let failure as JSONBridge.Failure {
                        throw HostError(kind: .failed, message: "json.encode: \(failure.message)")
                    }
                },
                HostFunction(
                    FunctionSpec(
                        module: "json", name: "decode", params: [ParamSpec("text", .string)], returns: "any",
                        doc: "Decodes JSON text (null becomes nil).")
                ) { call in
                    do { return [try JSONBridge.decode(try call.string(1))] } catch let failure as JSONBridge.Failure {
                        throw HostError(kind: .failed, message: "json.decode: \(failure.message)")
                    }
                },
            ], records: [RecordSpec("JSONOptions", fields: [FieldSpec("pretty", .boolean, doc: "indent the output")])])
    }

    /// Primitives for the Lua prelude; not documented for recipe authors.
    private static func hostPrimitives(_ context: RunContext?) -> HostModule {
        HostModule(
            name: "__host", doc: "",
            functions: [
                HostFunction(FunctionSpec(module: "__host", name: "stage_begin", params: [ParamSpec("name", .string)], doc: "")) { call in
                    context?.beginStage(try call.string(1))
                    return []
                },
                HostFunction(
                    FunctionSpec(
                        module: "__host", name: "stage_end",
                        params: [
                            ParamSpec("name", .string), ParamSpec("outcome", .string),
                            ParamSpec("error", .string, optional: true), ParamSpec("traceback", .string, optional: true),
                        ],
                        doc: "")
                ) { call in
                    let outcome = StageOutcome(rawValue: try call.string(2)) ?? .failed
                    context?.endStage(
                        try call.string(1), outcome: outcome, error: try call.optionalString(3), traceback: try call.optionalString(4))
                    return []
                },
                HostFunction(FunctionSpec(module: "__host", name: "critical_begin", params: [ParamSpec("what", .string)], doc: "")) {
                    call in
                    context?.enterCritical(try call.string(1))
                    return []
                },
                HostFunction(FunctionSpec(module: "__host", name: "critical_end", params: [ParamSpec("what", .string)], doc: "")) { call in
                    context?.leaveCritical(try call.string(1))
                    return []
                },
                HostFunction(FunctionSpec(module: "__host", name: "write", params: [ParamSpec("text", .string)], doc: "")) { call in
                    context?.output(Redactor.shared.redact(try call.string(1)))
                    return []
                },
                HostFunction(FunctionSpec(module: "__host", name: "status", params: [ParamSpec("text", .string)], doc: "")) { call in
                    context?.log.status(try call.string(1))
                    return []
                },
                WaitUntilSchedule.primitive(context),
                HostFunction(FunctionSpec(module: "__host", name: "cancelled", returns: "string|nil", doc: "")) { _ in
                    [.optional(context?.token.reason?.description)]
                },
                HostFunction(
                    FunctionSpec(
                        module: "__host", name: "log",
                        params: [
                            ParamSpec("level", .string), ParamSpec("message", .string),
                            ParamSpec("fields", .table, optional: true),
                        ], doc: "")
                ) { call in
                    context?.logFromLua(LogLevel(name: try call.string(1)) ?? .info, try call.string(2), fields: try call.options(3).table)
                    return []
                },
                HostFunction(
                    FunctionSpec(
                        module: "__host", name: "lib_source", params: [ParamSpec("name", .string)],
                        returns: "string, string", doc: "")
                ) { call in
                    let name = try call.string(1)
                    guard isModuleName(name) else {
                        throw HostError(kind: .sandbox, message: "require: invalid module name '\(name)' (letters, digits, _ . - only)")
                    }
                    guard let library = context?.library else {
                        throw HostError(kind: .sandbox, message: "require: no recipes/lib directory to load '\(name)' from")
                    }
                    guard let module = library.module(name) else {
                        throw HostError(
                            kind: .failed, message: "require: module '\(name)' not found (looked for \(library.lookedFor(name)))")
                    }
                    return [.string(module.source), .string("@" + module.displayPath)]
                },
            ])
    }

    /// Whether `require` may load `name`: letters, digits and `_` first, then also `.` and `-`, never `..`.
    /// Checked byte by byte: the regular expression this replaced cost 12.6 M instructions, 8 % of a redeploy.
    static func isModuleName(_ name: String) -> Bool {
        var previous: UInt8 = 0
        for (index, byte) in name.utf8.enumerated() {
            let alphanumeric =
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
            let punctuation = byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
            guard alphanumeric || (index > 0 && punctuation) else { return false }
            if byte == UInt8(ascii: "."), previous == UInt8(ascii: ".") { return false }
            previous = byte
        }
        return previous != 0
    }

    /// A path as errors show it: relative to the working directory when inside it.
    static func displayPath(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let path = RecipeCatalog.standardized(url.path, relativeTo: cwd)
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }
}
