import Foundation
import LuaHost

/// Why a deploy failed, as a recipe reported it with `why{…}`: the cause in one line and the evidence
/// the cluster gave — the YARN app, its attempts, the end of the AM's stderr, the EMR step's
/// FailureDetails, the Spark jobs that failed. Printed under `why:` in the run summary and written as
/// one structured record in JSON logs.
public struct WhyReport: Sendable, Equatable {
    /// The YARN application.
    public struct App: Sendable, Equatable {
        /// Its id.
        public var id: String
        /// Its state, when known.
        public var state: String?
        /// Its final status, when known.
        public var finalStatus: String?
        /// The RM's diagnostics, when any.
        public var diagnostics: String?
    }

    /// One application attempt.
    public struct Attempt: Sendable, Equatable {
        /// `appattempt_…`.
        public var id: String
        /// Its state.
        public var state: String?
        /// Its diagnostics.
        public var diagnostics: String?
    }

    /// The end of a container log.
    public struct Log: Sendable, Equatable {
        /// The container.
        public var containerId: String
        /// The file (`stderr`).
        public var file: String
        /// The last lines, oldest first.
        public var lines: [String]
        /// Whether earlier lines were left out.
        public var truncated: Bool
    }

    /// The EMR step and its FailureDetails.
    public struct Step: Sendable, Equatable {
        /// The step id.
        public var id: String
        /// Its state.
        public var state: String?
        /// FailureDetails' Reason.
        public var reason: String?
        /// FailureDetails' Message.
        public var message: String?
        /// FailureDetails' LogFile.
        public var logFile: String?
    }

    /// A failed Spark job.
    public struct Job: Sendable, Equatable {
        /// The job id.
        public var id: Int64
        /// Its name.
        public var name: String?
        /// Why it failed.
        public var reason: String?
    }

    /// What failed (`new build s3://…/app-1.5.jar`).
    public var subject: String?
    /// The cause, in one line.
    public var cause: String?
    /// The YARN app.
    public var app: App?
    /// Its attempts.
    public var attempts: [Attempt] = []
    /// The end of the AM's stderr.
    public var amLog: Log?
    /// The EMR step.
    public var step: Step?
    /// Spark jobs that failed.
    public var failedJobs: [Job] = []
    /// What could not be collected.
    public var gaps: [String] = []

    /// Creates an empty report.
    public init() {}
}

extension WhyReport {
    /// Reads the table `why{…}` got (a `Diagnosis` from `rm:diagnose` with `subject`, `cause` and
    /// `step` added). Fields of the wrong type are errors naming the field.
    init(_ given: LuaTable, function: String) throws(HostError) {
        func string(_ value: LuaValue, _ field: String) throws(HostError) -> String? {
            switch value {
            case .nil: return nil
            case .string, .bytes: return value.stringValue
            case .integer, .number: return value.doubleValue.map { String(format: "%g", $0) }
            default: throw HostError.argument(function, index: 1, name: field, expected: "a string", got: value.typeName)
            }
        }
        func table(_ value: LuaValue, _ field: String) throws(HostError) -> LuaTable? {
            if case .nil = value { return nil }
            guard let t = value.tableValue else {
                throw HostError.argument(function, index: 1, name: field, expected: "a table", got: value.typeName)
            }
            return t
        }
        func strings(_ value: LuaValue, _ field: String) throws(HostError) -> [String] {
            guard let t = try table(value, field) else { return [] }
            var out: [String] = []
            for (i, item) in t.sequence.enumerated() {
                if let s = try string(item, "\(field)[\(i + 1)]") { out.append(s) }
            }
            return out
        }
        self.init()
        subject = try string(given["subject"], "subject")
        cause = try string(given["cause"], "cause")
        if let app = try table(given["app"], "app"), let id = try string(app["id"], "app.id") {
            self.app = App(
                id: id, state: try string(app["state"], "app.state"), finalStatus: try string(app["final_status"], "app.final_status"),
                diagnostics: try string(app["diagnostics"], "app.diagnostics"))
        }
        for (i, item) in (try table(given["attempts"], "attempts"))?.sequence.enumerated() ?? [].enumerated() {
            guard let a = try table(item, "attempts[\(i + 1)]") else { continue }
            attempts.append(
                Attempt(
                    id: try string(a["id"], "attempts[\(i + 1)].id") ?? "?", state: try string(a["state"], "attempts[\(i + 1)].state"),
                    diagnostics: try string(a["diagnostics"], "attempts[\(i + 1)].diagnostics")))
        }
        if let log = try table(given["am_log"], "am_log") {
            amLog = Log(
                containerId: try string(log["container_id"], "am_log.container_id") ?? "?",
                file: try string(log["file"], "am_log.file") ?? "stderr", lines: try strings(log["lines"], "am_log.lines"),
                truncated: log["truncated"].isTruthy)
        }
        if let step = try table(given["step"], "step"), let id = try string(step["id"], "step.id") {
            let details = try table(step["failure_details"], "step.failure_details")
            self.step = Step(
                id: id, state: try string(step["state"], "step.state"),
                reason: try string(details?["reason"] ?? step["reason"], "step.reason"),
                message: try string(details?["message"] ?? step["message"], "step.message"),
                logFile: try string(details?["log_file"] ?? step["log_file"], "step.log_file"))
        }
        for (i, item) in (try table(given["failed_jobs"], "failed_jobs"))?.sequence.enumerated() ?? [].enumerated() {
            guard let j = try table(item, "failed_jobs[\(i + 1)]") else { continue }
            failedJobs.append(
                Job(
                    id: j["id"].integerValue ?? -1, name: try string(j["name"], "failed_jobs[\(i + 1)].name"),
                    reason: try string(j["reason"], "failed_jobs[\(i + 1)].reason")))
        }
        gaps = try strings(given["gaps"], "gaps")
    }

}
