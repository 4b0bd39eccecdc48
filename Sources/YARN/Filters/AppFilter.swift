import SparkDeployCore

/// Which applications to list or find. Every criterion is sent to the RM *and* re-checked on the
/// client: older RMs ignore `name` (Hadoop < 3.3) and unknown parameters, tags are compared
/// lower-cased, and the RM applies `finalStatus` after `limit`.
public struct AppFilter: Sendable, Equatable {
    /// Fields the RM may leave out of each app (`deSelects`); only the five values the RM accepts exist.
    public enum DeSelect: String, Sendable, Hashable, CaseIterable {
        /// `resourceRequests`.
        case resourceRequests
        /// `timeouts`.
        case timeouts
        /// `appNodeLabelExpression`.
        case appNodeLabelExpression
        /// `amNodeLabelExpression`.
        case amNodeLabelExpression
        /// `resourceInfo`.
        case resourceInfo
    }

    /// Any of these public states (empty: all).
    public var states: [YARNAppState]
    /// Exact final status.
    public var finalStatus: YARNFinalStatus?
    /// Exact user.
    public var user: String?
    /// Exact queue (the RM only returns unfinished apps for this criterion).
    public var queue: String?
    /// At most this many apps (> 0), applied after every client-side check.
    public var limit: Int?
    /// Started at or after (ms since the epoch).
    public var startedTimeBegin: Int64?
    /// Started at or before (ms).
    public var startedTimeEnd: Int64?
    /// Finished at or after (ms).
    public var finishedTimeBegin: Int64?
    /// Finished at or before (ms).
    public var finishedTimeEnd: Int64?
    /// Any of these application types, case-insensitive (`SPARK`).
    public var applicationTypes: [String]
    /// Any of these tags, case-insensitive.
    public var applicationTags: [String]
    /// Exact, case-sensitive name.
    public var name: String?
    /// Fields to leave out (default: `resourceRequests`, `timeouts`, `resourceInfo`).
    public var deSelects: [DeSelect]

    /// The default `deSelects`: the bulky fields a deploy never reads.
    public static let defaultDeSelects: [DeSelect] = [.resourceRequests, .timeouts, .resourceInfo]

    /// Creates a filter; every criterion defaults to "any".
    public init(
        states: [YARNAppState] = [], finalStatus: YARNFinalStatus? = nil, user: String? = nil,
        queue: String? = nil, limit: Int? = nil, startedTimeBegin: Int64? = nil, startedTimeEnd: Int64? = nil,
        finishedTimeBegin: Int64? = nil, finishedTimeEnd: Int64? = nil, applicationTypes: [String] = [],
        applicationTags: [String] = [], name: String? = nil, deSelects: [DeSelect] = AppFilter.defaultDeSelects
    ) {
        self.states = states
        self.finalStatus = finalStatus
        self.user = user
        self.queue = queue
        self.limit = limit
        self.startedTimeBegin = startedTimeBegin
        self.startedTimeEnd = startedTimeEnd
        self.finishedTimeBegin = finishedTimeBegin
        self.finishedTimeEnd = finishedTimeEnd
        self.applicationTypes = applicationTypes
        self.applicationTags = applicationTags
        self.name = name
        self.deSelects = deSelects
    }

    /// Checks what the RM would reject with 400, before sending.
    /// - Throws: ``YARNError`` (`badRequest`) naming the parameter.
    public func validate() throws(YARNError) {
        func bad(_ message: String) -> YARNError { YARNError(.badRequest, operation: "apps", message: message) }
        if let limit, limit <= 0 { throw bad("limit must be greater than 0 (got \(limit))") }
        for (label, value) in [
            ("startedTimeBegin", startedTimeBegin), ("startedTimeEnd", startedTimeEnd),
            ("finishedTimeBegin", finishedTimeBegin), ("finishedTimeEnd", finishedTimeEnd),
        ] {
            if let value, value < 0 { throw bad("\(label) must not be negative (got \(value))") }
        }
        if let b = startedTimeBegin, let e = startedTimeEnd, b > e { throw bad("startedTimeBegin \(b) is after startedTimeEnd \(e)") }
        if let b = finishedTimeBegin, let e = finishedTimeEnd, b > e { throw bad("finishedTimeBegin \(b) is after finishedTimeEnd \(e)") }
        if let internalState = states.first(where: { !$0.isPublic }) {
            throw bad(
                "state \(internalState) cannot be used as a filter; use one of NEW, NEW_SAVING, SUBMITTED, ACCEPTED, RUNNING, FINISHED, FAILED, KILLED"
            )
        }
        if case .other(let value)? = finalStatus {
            throw bad("finalStatus \(value) is not one of UNDEFINED, SUCCEEDED, FAILED, KILLED")
        }
    }

    /// The query parameters, in a stable order. `limit` is sent only when no criterion is checked
    /// client-side afterwards (otherwise a page could come back short or miss matches).
    public var queryItems: [(name: String, value: String)] {
        var items: [(name: String, value: String)] = []
        if !states.isEmpty { items.append(("states", states.map(\.rawValue).joined(separator: ","))) }
        if let finalStatus { items.append(("finalStatus", finalStatus.rawValue)) }
        if let user { items.append(("user", user)) }
        if let queue { items.append(("queue", queue)) }
        if let limit, finalStatus == nil, name == nil { items.append(("limit", String(limit))) }
        if let startedTimeBegin { items.append(("startedTimeBegin", String(startedTimeBegin))) }
        if let startedTimeEnd { items.append(("startedTimeEnd", String(startedTimeEnd))) }
        if let finishedTimeBegin { items.append(("finishedTimeBegin", String(finishedTimeBegin))) }
        if let finishedTimeEnd { items.append(("finishedTimeEnd", String(finishedTimeEnd))) }
        if !applicationTypes.isEmpty { items.append(("applicationTypes", applicationTypes.joined(separator: ","))) }
        if !applicationTags.isEmpty {
            items.append(("applicationTags", applicationTags.map { $0.lowercased() }.joined(separator: ",")))
        }
        if let name { items.append(("name", name)) }
        if !deSelects.isEmpty { items.append(("deSelects", deSelects.map(\.rawValue).joined(separator: ","))) }
        return items
    }

    /// Whether `app` satisfies every criterion (the client-side re-check).
    public func matches(_ app: YARNApp) -> Bool {
        if !states.isEmpty && !states.contains(app.state) { return false }
        if let finalStatus, app.finalStatus != finalStatus { return false }
        if let user, app.user != user { return false }
        if let queue, app.queue != queue { return false }
        let started = app.startedTimeMillis ?? 0
        if let b = startedTimeBegin, started < b { return false }
        if let e = startedTimeEnd, started > e { return false }
        let finished = app.finishedTimeMillis ?? 0
        if let b = finishedTimeBegin, finished < b { return false }
        if let e = finishedTimeEnd, finished > e { return false }
        if !applicationTypes.isEmpty {
            guard let type = app.applicationType?.lowercased(),
                applicationTypes.contains(where: { $0.lowercased() == type })
            else { return false }
        }
        if !applicationTags.isEmpty {
            let have = Set(app.applicationTags.map { $0.lowercased() })
            guard applicationTags.contains(where: { have.contains($0.lowercased()) }) else { return false }
        }
        if let name, !app.name.hasSameBytes(as: name) { return false }  // bytes, as the RM compares
        return true
    }

    /// Applies ``matches(_:)`` and ``limit`` to a list the RM returned.
    public func apply(to apps: [YARNApp]) -> [YARNApp] {
        let kept = apps.filter(matches)
        guard let limit, kept.count > limit else { return kept }
        return Array(kept.prefix(limit))
    }
}
