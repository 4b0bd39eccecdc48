import Foundation
import LuaHost
import SparkDeployCore

/// `exec.run{cmd, args, timeout}`: the only way a recipe runs a process, and only with
/// `--allow-exec` (raw `os.execute` and `io.popen` stay closed). Every run is a mutation in the
/// audit trail and is logged; under `--dry-run` it is only logged; its output is redacted; the time
/// limit kills the process.
enum ExecModule {
    /// The most output kept (bytes); the rest is dropped and said so.
    static let outputLimit = 1 << 20

    static let records = [
        RecordSpec(
            "ExecSpec", doc: "What exec.run takes.",
            fields: [
                FieldSpec("cmd", .string, optional: false, doc: "the program (a path, or a name looked up in PATH)"),
                FieldSpec("args", .array(.string), doc: "its arguments (no shell: nothing is expanded)"),
                FieldSpec("timeout", .number, doc: "seconds before it is killed (default 60)"),
            ])
    ]

    static func module(_ context: RunContext?) -> HostModule {
        HostModule(
            name: "exec", doc: "Running a process (only with --allow-exec): logged, redacted, an audited mutation, dry-run aware.",
            functions: [
                HostFunction(
                    FunctionSpec(
                        module: "exec", name: "run", params: [ParamSpec("spec", .record("ExecSpec"))],
                        returns: "{code, output, dry_run}",
                        doc: "Runs `cmd` with `args` (no shell) and returns its exit code and output (stdout and stderr, redacted). "
                            + "Needs --allow-exec; under --dry-run only logs what it would run. Killed after `timeout` seconds "
                            + "(default 60): an error.",
                        mutates: true)
                ) { (call: HostCall) throws -> HostResults in
                    let o = try call.options(1)
                    guard let cmd = try o.string("cmd"), !cmd.isEmpty else {
                        throw HostError.field("exec.run", index: 1, name: "spec", field: "cmd", problem: "is required")
                    }
                    let args = try o.strings("args") ?? []
                    let timeout = try o.duration("timeout") ?? 60
                    guard let context else { return [] }
                    guard context.allowExec else {
                        throw HostError(
                            kind: .sandbox, message: "exec.run: running processes is not allowed (run with --allow-exec)",
                            code: "exec.notAllowed")
                    }
                    let shown = ([cmd] + args).joined(separator: " ")
                    let entry = context.recordMutation(
                        "exec.run", target: cmd, details: args.isEmpty ? "" : "args=\(args.joined(separator: " "))")
                    if context.dryRun { return [.map(["code": .integer(0), "output": .string(""), "dry_run": .boolean(true)])] }
                    let result: ProcessRun.Result
                    do { result = try ProcessRun.run(cmd, args, timeout: timeout, token: context.token, limit: outputLimit) } catch {
                        context.mutationEnded(entry, error: "\(error)")
                        throw error
                    }
                    let output = Redactor.shared.redact(result.output)
                    context.mutationEnded(entry, result: "exit \(result.code)")
                    context.log.log(
                        result.code == 0 ? .info : .warning, "exec finished",
                        fields: ["cmd": shown, "code": String(result.code), "duration": DecimalText.fixed(result.seconds, digits: 2) + "s"])
                    return [.map(["code": .integer(Int64(result.code)), "output": .string(output), "dry_run": .boolean(false)])]
                },
                HostFunction(
                    FunctionSpec(
                        module: "exec", name: "allowed", returns: "boolean",
                        doc: "Whether this run may start processes (--allow-exec): check it before a step that cannot be undone "
                            + "without one.")
                ) { _ in [.boolean(context?.allowExec ?? false)] },
                HostFunction(
                    FunctionSpec(
                        module: "exec", name: "which", params: [ParamSpec("cmd", .string)], returns: "string?",
                        doc: "The executable `cmd` names (a path, or a name looked up in $PATH), or nil when there is none: "
                            + "check a tool is there before a step that needs it.")
                ) { call in
                    let cmd = try call.string(1)
                    return [ExecutableLookup.find(cmd, path: context?.environment["PATH"]).map(LuaValue.string) ?? .nil]
                },
            ], records: records)
    }
}
