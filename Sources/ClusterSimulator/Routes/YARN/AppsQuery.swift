import Foundation

/// The validated filters of `GET /ws/v1/cluster/apps`, with the RM's exact 400 messages.
struct AppsQuery: Sendable {
    static let states = ["NEW", "NEW_SAVING", "SUBMITTED", "ACCEPTED", "RUNNING", "FINISHED", "FAILED", "KILLED"]
    static let finalStatuses = ["UNDEFINED", "SUCCEEDED", "FAILED", "KILLED", "ENDED"]

    var states: Set<String> = []
    var finalStatus: String?
    var user: String?
    var queue: String?
    var limit: Int?
    var startedBegin: Int64 = 0
    var startedEnd: Int64 = .max
    var finishedBegin: Int64 = 0
    var finishedEnd: Int64 = .max
    var types: Set<String> = []
    var tags: Set<String> = []
    var name: String?
    var deselects: AppDeselects = []

    /// True when no filter narrows the list (the cacheable case).
    var isUnfiltered: Bool {
        states.isEmpty && finalStatus == nil && user == nil && queue == nil && limit == nil && startedBegin == 0
            && startedEnd == .max && finishedBegin == 0 && finishedEnd == .max && types.isEmpty && tags.isEmpty
            && name == nil && deselects.isEmpty
    }

    /// Parses and validates the query pairs.
    init(_ pairs: [(String, String)], scenario: Scenario) throws(RemoteException) {
        func all(_ key: String) -> [String] {
            pairs.filter { $0.0 == key }.flatMap { $0.1.split(separator: ",").map { String($0) } }
        }
        func one(_ key: String) -> String? { pairs.first { $0.0 == key }?.1 }
        for raw in all("state") + all("states") {
            let s = raw.trimmingCharacters(in: .whitespaces).uppercased()
            guard Self.states.contains(s) else {
                throw .badRequest(
                    "Invalid application-state \(raw.trimmingCharacters(in: .whitespaces)) specified. "
                        + "It should be one of [\(Self.states.joined(separator: ", "))]")
            }
            states.insert(s)
        }
        if let f = one("finalStatus") {
            guard Self.finalStatuses.contains(f) else {
                throw .illegalArgument("No enum constant org.apache.hadoop.yarn.api.records.FinalApplicationStatus.\(f)")
            }
            finalStatus = f
        }
        user = one("user").flatMap { $0.isEmpty ? nil : $0 }
        if let q = one("queue"), !q.isEmpty {
            guard scenario.queues.contains(q) else {
                throw .badRequest("queue, \(q), does not exist")
            }
            queue = q
        }
        if let l = one("limit") {
            guard let n = Int64(l) else { throw .badRequest("limit value must be a number!") }
            guard n > 0 else { throw .badRequest("limit value must be greater then 0") }
            limit = Int(clamping: n)
        }
        func time(_ key: String, _ defaultValue: Int64) throws(RemoteException) -> Int64 {
            guard let v = one(key), !v.isEmpty else { return defaultValue }
            guard let n = Int64(v) else { throw .badRequest("\(key) value must be a number!") }
            guard n >= 0 else { throw .badRequest("\(key) must be greater than 0") }
            return n
        }
        startedBegin = try time("startedTimeBegin", 0)
        startedEnd = try time("startedTimeEnd", .max)
        guard startedBegin <= startedEnd else { throw .badRequest("startedTimeEnd must be greater than startTimeBegin") }
        finishedBegin = try time("finishedTimeBegin", 0)
        finishedEnd = try time("finishedTimeEnd", .max)
        guard finishedBegin <= finishedEnd else {
            throw .badRequest("finishedTimeEnd must be greater than finishedTimeBegin")
        }
        types = Set(all("applicationTypes").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty })
        tags = Set(all("applicationTags").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty })
        if scenario.supportsNameFilter, let n = one("name"), !n.isEmpty { name = n }
        for d in all("deSelects") where scenario.supportsDeSelects {
            guard let match = AppDeselects.names.first(where: { $0.0 == d }) else {
                throw .badRequest(
                    "Invalid deSelects string \(d) valid deSelects are "
                        + "[\(AppDeselects.names.map(\.0).joined(separator: ", "))]")
            }
            deselects.insert(match.1)
        }
    }

    /// Whether `app` passes every filter except `limit` and `finalStatus`.
    func matches(_ app: YarnApp) -> Bool {
        let state = app.publicState
        if !states.isEmpty && !states.contains(state) { return false }
        if let user, app.user != user { return false }
        if let queue, app.queue != queue || YarnApp.terminal.contains(state) { return false }
        let started = Int64(app.startedTime * 1000)
        if started < startedBegin || started > startedEnd { return false }
        if finishedBegin != 0 || finishedEnd != .max {
            let finished = Int64((app.finishedTime ?? 0) * 1000)
            if finished < finishedBegin || finished > finishedEnd { return false }
        }
        if !types.isEmpty && !types.contains(app.applicationType.lowercased()) { return false }
        if !tags.isEmpty && !app.tags.contains(where: { tags.contains($0) }) { return false }
        if let name, !app.name.utf8.elementsEqual(name.utf8) { return false }  // the RM compares bytes
        return true
    }
}
