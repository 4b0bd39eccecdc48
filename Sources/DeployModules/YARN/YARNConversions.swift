import LuaHost
import YARN

/// Converts between YARN client types and the Lua tables recipes see (snake_case fields,
/// times as epoch seconds).
enum YARNConversions {
    static func table(_ app: YARNApp) -> LuaValue {
        .map([
            "id": .string(app.id), "name": .optional(app.name), "user": .optional(app.user), "queue": .optional(app.queue),
            "state": .string(app.state.rawValue), "final_status": .optional(app.finalStatus?.rawValue),
            "progress": .optional(app.progress), "tracking_url": .optional(app.trackingUrl),
            "diagnostics": .optional(app.diagnostics), "application_type": .optional(app.applicationType),
            "tags": .array(app.applicationTags), "started_at": .optional(app.startedTime), "launched_at": .optional(app.launchTime),
            "finished_at": .optional(app.finishedTime), "elapsed": .optional(app.elapsedTime),
            "allocated_mb": .optional(app.allocatedMB), "allocated_vcores": .optional(app.allocatedVCores),
            "running_containers": .optional(app.runningContainers.map(Int64.init)), "priority": .optional(app.priority.map(Int64.init)),
            "am_host": .optional(app.amHostHttpAddress),
        ])
    }

    static func table(_ attempt: AppAttempt) -> LuaValue {
        var fields: [String: LuaValue] = [:]
        fields["id"] = .optional(attempt.appAttemptId)
        fields["state"] = .optional(attempt.appAttemptState)
        fields["container_id"] = .optional(attempt.containerId)
        fields["node"] = .optional(attempt.nodeHttpAddress)
        fields["logs"] = .optional(attempt.logsLink)
        if let start = attempt.startTimeMillis { fields["started_at"] = .number(Double(start) / 1000) }
        if let end = attempt.finishedTimeMillis, end > 0 { fields["finished_at"] = .number(Double(end) / 1000) }
        return .map(fields)
    }

    static let filterRecord = RecordSpec(
        "AppFilter", doc: "Which applications: every field optional; all given fields must match.",
        fields: [
            FieldSpec("name", .string, doc: "exact, case-sensitive name (also checked client-side: Hadoop < 3.3 ignores it)"),
            FieldSpec("id", .string, doc: "an application id"),
            FieldSpec("state", .string, doc: "one state (NEW … KILLED)"),
            FieldSpec("states", .array(.string), doc: "any of these states"),
            FieldSpec("final_status", .string, doc: "UNDEFINED, SUCCEEDED, FAILED or KILLED"),
            FieldSpec("user", .string, doc: "submitting user"),
            FieldSpec("queue", .string, doc: "queue (unfinished apps only)"),
            FieldSpec("limit", .integer, doc: "at most this many apps"),
            FieldSpec("tags", .array(.string), doc: "any of these application tags (lower-cased)"),
            FieldSpec("types", .array(.string), doc: "application types, e.g. {\"SPARK\"}"),
            FieldSpec("started_after", .number, doc: "epoch seconds"),
            FieldSpec("started_before", .number, doc: "epoch seconds"),
            FieldSpec("finished_after", .number, doc: "epoch seconds"),
            FieldSpec("finished_before", .number, doc: "epoch seconds"),
            FieldSpec("all", .boolean, doc: "find_app: return every match as a list instead of refusing ambiguity"),
        ])

    static func filter(_ options: HostOptions) throws -> AppFilter {
        var filter = AppFilter()
        var states: [String] = []
        if let s = try options.string("state") { states.append(s) }
        states += try options.strings("states") ?? []
        filter.states = states.map { YARNAppState(rawValue: $0) }
        filter.finalStatus = try options.string("final_status").map { YARNFinalStatus(rawValue: $0) }
        filter.user = try options.string("user")
        filter.queue = try options.string("queue")
        filter.limit = try options.integer("limit").map { Int(clamping: $0) }
        filter.applicationTags = try options.strings("tags") ?? []
        if let tag = try options.string("tag") { filter.applicationTags.append(tag) }
        filter.applicationTypes = try options.strings("types") ?? []
        filter.name = try options.string("name")
        filter.startedTimeBegin = try epochMillis(options, "started_after")
        filter.startedTimeEnd = try epochMillis(options, "started_before")
        filter.finishedTimeBegin = try epochMillis(options, "finished_after")
        filter.finishedTimeEnd = try epochMillis(options, "finished_before")
        return filter
    }

    /// The latest epoch second a filter passes on (far beyond any real time; its milliseconds fit Int64).
    static let latestEpochSecond = 9e15

    /// An epoch-seconds field as the RM's milliseconds. NaN, infinities and negatives are field
    /// errors naming the function (converting them to Int64 used to trap); huge values are clamped.
    static func epochMillis(_ options: HostOptions, _ field: String) throws -> Int64? {
        guard let seconds = try options.duration(field) else { return nil }
        return Int64((min(seconds, latestEpochSecond) * 1000).rounded(.down))
    }

    /// The application id in an app table or an id string.
    static func appID(_ value: LuaValue, function: String, index: Int, name: String) throws -> String {
        if let s = value.stringValue { return s }
        if let id = value.tableValue?["id"].stringValue { return id }
        throw HostError.argument(function, index: index, name: name, expected: "app table or application id", got: value.typeName)
    }
}

extension HostError {
    /// The Lua-facing form of a YARN client error.
    init(yarn error: YARNError) {
        let retryable = [YARNError.Code.unavailable, .transport, .standbyNoActive].contains(error.code)
        var details: [String: LuaValue] = [:]
        details["operation"] = .string(error.operation)
        details["endpoint"] = .optional(error.endpoint)
        details["exception"] = .optional(error.exception)
        details["app_id"] = .optional(error.applicationId)
        details["last_state"] = .optional(error.lastState)
        details["polls"] = .optional(error.polls.map(Int64.init))
        let kind: HostError.Kind = error.code == .timeout ? .timeout : error.code == .cancelled ? .cancelled : .remote
        self.init(
            kind: kind, message: error.description, code: "yarn." + error.code.rawValue, status: error.status,
            retryable: retryable, details: details)
    }
}
