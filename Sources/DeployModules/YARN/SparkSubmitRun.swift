import DeployRuntime
import LuaHost
import SparkDeployCore
import Synchronization
import YARN

/// One run of spark-submit as its output arrives (on the process runner's thread): each line logged at debug
/// level (the log redacts it), the first application id it names, and the last lines for `output_tail` and errors.
final class SparkSubmitRun: Sendable {
    private struct State {
        var tail: [Substring] = []
        var applicationID: String?
    }

    private let log: RunLog
    private let function: String
    private let command: [String]
    private let tailLines: Int
    private let state = Mutex(State())

    /// The longest line kept in the tail (characters); longer ones are cut.
    static let lineLimit = 1000

    init(log: RunLog, function: String, command: [String], tailLines: Int) {
        self.log = log
        self.function = function
        self.command = command
        self.tailLines = tailLines
    }

    /// Takes one output line.
    @Sendable func take(_ line: Substring) {
        log.log(.debug, "spark-submit", fields: ["line": String(line)], source: "spark-submit")
        let found = SparkSubmitOutput.applicationID(inLine: line)
        state.withLock { state in
            if state.applicationID == nil, let found { state.applicationID = found }
            state.tail.append(line.prefix(Self.lineLimit))
            if state.tail.count > tailLines { state.tail.removeFirst(state.tail.count - tailLines) }
        }
    }

    /// The first application id the output named.
    var applicationID: String? { state.withLock { $0.applicationID } }

    /// The last lines, redacted.
    var tail: String { Redactor.shared.redact(state.withLock { $0.tail }.joined(separator: "\n")) }

    /// The last `count` lines, redacted and indented for an error message.
    func quoted(_ count: Int) -> String {
        let lines = state.withLock { $0.tail.suffix(count) }
        guard !lines.isEmpty else { return " (no output)" }
        return "; output ends:\n" + Redactor.shared.redact(lines.map { "  " + $0 }.joined(separator: "\n"))
    }

    private var details: [String: LuaValue] {
        ["output_tail": .string(tail), "command": .array(command), "app_id": .optional(applicationID)]
    }

    /// spark-submit exited non-zero: `spark_submit.failed` with the exit code and the output's end.
    func failed(code: Int32) -> HostError {
        var details = self.details
        details["exit_code"] = .integer(Int64(code))
        return HostError(
            kind: .failed,
            message: "\(function): spark-submit exited with code \(code)\(quoted(YARNModuleProvider.sparkSubmitMessageLines))",
            code: "spark_submit.failed", details: details)
    }

    /// spark-submit ended well on YARN but named no application: `spark_submit.noApplicationId`.
    func noApplicationID() -> HostError {
        HostError(
            kind: .failed,
            message: "\(function): spark-submit exited 0 but printed no 'Submitted application application_…' line"
                + quoted(YARNModuleProvider.sparkSubmitMessageLines),
            code: "spark_submit.noApplicationId", details: details)
    }

    /// The process runner's error, with the output's end (a time limit: `spark_submit.timeout`; a missing
    /// program: where spark-submit is looked for).
    func failure(_ error: HostError) -> HostError {
        var error = error
        for (key, value) in details { error.details[key] = value }
        switch error.code {
        case "spark_submit.timeout": error.message += quoted(YARNModuleProvider.sparkSubmitMessageLines)
        case "spark_submit.notFound": error.message += " (set spark_home, or $SPARK_HOME, or put spark-submit on PATH)"
        default: break
        }
        return error
    }
}
