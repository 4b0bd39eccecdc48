import LuaHost

/// Recipe helpers written in Lua on top of the `__host` primitives: `stage`, `critical`, `retry`,
/// `wait_until`, `print`, `require`. Written in Lua so that recipe callbacks run as plain Lua
/// (they may yield, error and be retried) and no Swift frame sits between them.
enum RuntimePrelude {
    /// Documentation-only entries, so `sparkdeploy api` lists the prelude too.
    static var documentation: [HostFunction] {
        [
            HostFunction(
                FunctionSpec(
                    module: "_G", name: "stage", params: [ParamSpec("name", .string), ParamSpec("fn", .function)],
                    returns: "any", doc: "Runs fn as a named, timed stage shown in the summary; returns fn's results.",
                    documentationOnly: true), body: nil),
            HostFunction(
                FunctionSpec(
                    module: "_G", name: "critical", params: [ParamSpec("what", .string), ParamSpec("fn", .function)],
                    returns: "any",
                    doc: "Runs fn as a critical section named `what` (e.g. \"swap\": stop the old app, submit the new one); "
                        + "returns fn's results. A first SIGINT/SIGTERM meanwhile is held back until the outermost section "
                        + "ends, then stops the run (exit 130); a second one still exits at once. The deadline is never held back.",
                    documentationOnly: true), body: nil),
            HostFunction(
                FunctionSpec(
                    module: "_G", name: "retry",
                    params: [ParamSpec("opts", .record("RetryOptions"), optional: true), ParamSpec("fn", .function)],
                    returns: "any", doc: "Calls fn(attempt) until it succeeds: attempts, delay, backoff, max_delay, jitter, when(err).",
                    documentationOnly: true), body: nil),
            HostFunction(
                FunctionSpec(
                    module: "_G", name: "wait_until", params: [ParamSpec("opts", .record("WaitUntilOptions")), ParamSpec("fn", .function)],
                    returns: "any",
                    doc: "Polls fn until it returns a truthy value (returned); adaptive interval; times out with the last value.",
                    documentationOnly: true), body: nil),
            HostFunction(
                FunctionSpec(
                    module: "_G", name: "print", params: [ParamSpec("...", .any, optional: true)],
                    doc: "Writes its arguments to standard output, tab-separated.", documentationOnly: true), body: nil),
            HostFunction(
                FunctionSpec(
                    module: "_G", name: "require", params: [ParamSpec("name", .string)], returns: "any",
                    doc: "Loads a shared helper from recipes/lib/<name>.lua (dots become slashes), once.",
                    documentationOnly: true), body: nil),
        ]
    }

    static let records: [RecordSpec] = [
        RecordSpec(
            "RetryOptions",
            fields: [
                FieldSpec("attempts", .integer, doc: "total attempts (default 3)"),
                FieldSpec("delay", .number, doc: "first delay in seconds (default 1)"),
                FieldSpec("backoff", .number, doc: "delay multiplier (default 2)"),
                FieldSpec("max_delay", .number, doc: "largest delay (default 30)"),
                FieldSpec("jitter", .boolean, doc: "full jitter (default true)"),
                FieldSpec("when", .function, doc: "predicate on the error: retry only when it returns true"),
            ]),
        RecordSpec(
            "WaitUntilOptions",
            fields: [
                FieldSpec("timeout", .number, optional: false, doc: "seconds before giving up"),
                FieldSpec("interval", .number, doc: "first poll interval (default 0.25)"),
                FieldSpec("max_interval", .number, doc: "largest poll interval (default 2)"),
                FieldSpec("what", .string, doc: "what is awaited, for messages"),
            ]),
    ]

    /// The prelude's Lua source (`prelude.lua`, embedded in the binary at build time: no file is read at run time).
    static let source = String(decoding: PackageResources.prelude_lua, as: UTF8.self)
}
