import DeployRuntime
import Foundation
import LuaHost
import YARN

/// The Spark side of the `yarn` module: `rm:spark(app)` (a handle on the app's driver through the RM's
/// web proxy), `rm:await_progress`, `rm:diagnose`, and the `Spark` handle's methods.
extension YARNModuleProvider {
    static let sparkClass = ClassSpec(
        "Spark", doc: "A Spark application's driver REST API, reached through the ResourceManager's web proxy (rm:spark(app)).",
        fields: [FieldSpec("app_id", .string, doc: "the application id")])

    static let sparkRecords = [
        RecordSpec(
            "JobsOptions", fields: [FieldSpec("status", .string, doc: "only jobs in this status: running, succeeded, failed, unknown")]),
        RecordSpec(
            "ProgressOptions",
            fields: [
                FieldSpec("min_batches", .integer, doc: "completed Spark jobs (a micro-batch runs at least one) required (default 2)"),
                FieldSpec("timeout", .number, doc: "seconds (default 600)"),
            ]),
        RecordSpec(
            "HoldOptions",
            fields: [
                FieldSpec("progress", .boolean, doc: "also require Spark jobs to keep completing (RUNNING only)"),
                FieldSpec("stall_timeout", .number, doc: "with progress: longest gap without a completed job (default max(seconds, 30))"),
            ]),
        RecordSpec(
            "DiagnoseOptions",
            fields: [
                FieldSpec("log_bytes", .integer, doc: "bytes of the AM's stderr to read (default 4096)"),
                FieldSpec("log_lines", .integer, doc: "at most this many stderr lines (default 40)"),
                FieldSpec("file", .string, doc: "the AM container's log file to read (default stderr)"),
                FieldSpec("container", .string, doc: "the AM container of this attempt instead of the last attempt's"),
            ]),
        RecordSpec(
            "Diagnosis", doc: "Why an app failed: what why() renders.", closed: false,
            fields: [
                FieldSpec("app", .table, doc: "{id, state, final_status, diagnostics}"),
                FieldSpec("attempts", .array(.table), doc: "{id, state, diagnostics, container_id}, oldest first"),
                FieldSpec("am_log", .table, doc: "{container_id, file, lines, truncated}: the end of the AM's stderr"),
                FieldSpec("failed_jobs", .array(.table), doc: "{id, name, reason}, newest first"),
                FieldSpec("gaps", .array(.string), doc: "what could not be collected, and why"),
            ]),
    ]

    /// Methods of `RM` about an app's Spark driver.
    static func rmSparkMethods(_ session: YARNSession, method: RMMethodFactory) -> [HostFunction] {
        let app = ParamSpec("app", .oneOf([.table, .string]), doc: "an app table or an application id")
        return [
            method(
                "spark", [app], "Spark",
                "A handle on the app's Spark driver REST API through this RM's web proxy (jobs, stages, executors, streaming, sql, progress).",
                false
            ) { s, rm, call in
                let id = try YARNConversions.appID(call.value(1), function: call.spec.qualifiedName, index: 1, name: "app")
                guard let context = s.context else { return [] }
                let client: SparkRESTClient
                do throws(SparkRESTError) { client = try SparkRESTClient(rm: rm, applicationId: id) } catch {
                    throw HostError(spark: error)
                }
                let handle = context.store(client)
                return [.object(LuaObject(className: "Spark", handle: handle, fields: LuaTable(fields: ["app_id": .string(id)])))]
            },
            method(
                "await_progress", [app, ParamSpec("opts", .record("ProgressOptions"), optional: true)], "table",
                "Waits until the RUNNING app has completed min_batches Spark jobs with no failed job and an executor alive; fails (yarn.noProgress) with what it saw. One proxy request per poll.",
                false
            ) { s, rm, call in
                let id = try YARNConversions.appID(call.value(1), function: call.spec.qualifiedName, index: 1, name: "app")
                let options = try call.options(2)
                let batches = Int(clamping: try options.integer("min_batches") ?? 2)
                guard batches >= 1 else {
                    throw HostError.argument(
                        call.spec.qualifiedName, index: 2, name: "opts.min_batches", expected: "an integer >= 1", got: String(batches))
                }
                let timeout = try options.duration("timeout") ?? 600
                let result = try s.waiting("yarn.await_progress", status: WaitText.progress(id, batches: batches, timeout: timeout)) {
                    try await rm.awaitProgress(appId: id, minBatches: batches, timeout: timeout)
                }
                return [SparkConversions.table(result)]
            },
            method(
                "diagnose", [app, ParamSpec("opts", .record("DiagnoseOptions"), optional: true)], "Diagnosis",
                "Why the app failed: its diagnostics and final status, every attempt's diagnostics, the end of the AM's stderr (NodeManager), and its failed Spark jobs while it runs. Never fails: what cannot be read is listed in gaps.",
                false
            ) { s, rm, call in
                let id = try YARNConversions.appID(call.value(1), function: call.spec.qualifiedName, index: 1, name: "app")
                let options = try call.options(2)
                let bytes = Int(clamping: max(1, try options.integer("log_bytes") ?? 4096))
                let lines = Int(clamping: max(1, try options.integer("log_lines") ?? 40))
                let file = try options.string("file") ?? "stderr"
                let container = try options.string("container")
                let diagnosis = try s.run("yarn.diagnose") {
                    await rm.diagnose(appId: id, logBytes: bytes, logLines: lines, file: file, containerId: container)
                }
                return [SparkConversions.table(diagnosis)]
            },
        ]
    }

    /// The `Spark` handle's methods.
    static func sparkMethods(_ session: YARNSession) -> [HostFunction] {
        func method(
            _ name: String, _ params: [ParamSpec] = [], returns: String, doc: String,
            _ body: @escaping (YARNSession, SparkRESTClient, HostCall) throws -> HostResults
        ) -> HostFunction {
            HostFunction(
                FunctionSpec(module: "Spark", name: name, style: .method(className: "Spark"), params: params, returns: returns, doc: doc)
            ) { call in
                guard let handle = call.selfObject?.handle, let client = session.context?.object(handle, as: SparkRESTClient.self) else {
                    return []
                }
                return try body(session, client, call)
            }
        }
        return [
            method(
                "jobs", [ParamSpec("opts", .record("JobsOptions"), optional: true)], returns: "table[]",
                doc: "The app's jobs, newest first."
            ) {
                s, spark, call in
                let status = try call.options(1).string("status").map { SparkJobStatus($0.uppercased()) }
                return [
                    .table(
                        LuaTable(sequence: try s.spark("spark.jobs") { try await spark.jobs(status: status) }.map(SparkConversions.table)))
                ]
            },
            method("stages", returns: "table[]", doc: "The app's stage attempts.") { s, spark, _ in
                [.table(LuaTable(sequence: try s.spark("spark.stages") { try await spark.stages() }.map(SparkConversions.table)))]
            },
            method("executors", returns: "table[]", doc: "The active executors, the driver included (runs_tasks tells workers apart).") {
                s, spark, _ in
                [.table(LuaTable(sequence: try s.spark("spark.executors") { try await spark.executors() }.map(SparkConversions.table)))]
            },
            method(
                "streaming", returns: "table|nil",
                doc: "DStreams statistics; nil for an app without a StreamingContext (Structured Streaming)."
            ) {
                s, spark, _ in
                do {
                    return [SparkConversions.table(try s.spark("spark.streaming") { try await spark.streamingStatistics() })]
                } catch let error as HostError where error.code == "spark.notFound" {
                    return [.nil]
                }
            },
            method(
                "sql", returns: "table[]", doc: "SQL executions (Spark 3.0+), oldest first; Structured Streaming micro-batches appear here."
            ) {
                s, spark, _ in
                [.table(LuaTable(sequence: try s.spark("spark.sql") { try await spark.sqlExecutions() }.map(SparkConversions.table)))]
            },
            method(
                "progress", returns: "table",
                doc:
                    "One normalised reading: completed_jobs, failed_jobs, running_jobs, completed_batches, batch_source, active_executors, failed_tasks, last_completed_at, failure_reasons."
            ) { s, spark, _ in
                [SparkConversions.table(try s.spark("spark.progress") { try await spark.progress() })]
            },
        ]
    }
}

/// Builds an `RM` method: name, params, returns, doc, mutates, body.
typealias RMMethodFactory = (
    _ name: String, _ params: [ParamSpec], _ returns: String, _ doc: String, _ mutates: Bool,
    _ body: @escaping (YARNSession, RMClient, HostCall) throws -> HostResults
) -> HostFunction

extension YARNSession {
    /// Runs a Spark REST call on the run's thread; maps its errors for Lua.
    func spark<T: Sendable>(_ what: String, _ work: @escaping @Sendable () async throws -> T) throws -> T {
        try ClientCall.run(what, context: context, mapping: { ($0 as? SparkRESTError).map(HostError.init(spark:)) }, work)
    }
}

extension HostError {
    /// The Lua-facing form of a Spark REST client error.
    init(spark error: SparkRESTError) {
        let retryable = [SparkRESTError.Code.unavailable, .transport, .standbyNoActive].contains(error.code)
        let kind: HostError.Kind = error.code == .cancelled ? .cancelled : .remote
        self.init(
            kind: kind, message: error.description, code: "spark." + error.code.rawValue, status: error.status, retryable: retryable,
            details: ["endpoint": .string(error.endpoint), "url": .optional(error.url), "app_id": .optional(error.applicationId)])
    }
}
