import Logging
import SparkDeployCore

extension RMClient {
    /// `GET /ws/v1/cluster/apps` with every criterion of `filter` sent to the RM and re-checked here.
    /// - Parameter filter: the criteria (default: all apps the RM remembers).
    /// - Returns: the matching apps, in the RM's (unspecified) order.
    /// - Throws: ``YARNError`` (`badRequest` for an invalid filter, before sending).
    public func apps(_ filter: AppFilter = AppFilter()) async throws(YARNError) -> [YARNApp] {
        try filter.validate()
        let (response, context) = try await execute(
            RMRequest(
                operation: "apps", method: "GET", path: "/ws/v1/cluster/apps", query: filter.queryItems,
                retriable: true))
        // Filtered while decoding: an RM that ignores the query (Hadoop 2) answers every app it remembers.
        let decoded = try ResponseDecoding.apps(response, context, keeping: filter.matches)
        let kept = filter.apply(to: decoded.apps)
        logger.debug("yarn apps listed", metadata: ["yarn.returned": "\(decoded.total)", "yarn.matched": "\(kept.count)"])
        return kept
    }

    /// `GET /ws/v1/cluster/apps/{id}`.
    /// - Throws: ``YARNError`` (`notFound` when the RM does not know or has forgotten the app).
    public func app(id: String) async throws(YARNError) -> YARNApp {
        try ApplicationID.check(id, operation: "app")
        let (response, context) = try await execute(
            RMRequest(
                operation: "app", method: "GET", path: "/ws/v1/cluster/apps/\(id)", retriable: true,
                applicationId: id))
        return try ResponseDecoding.app(response, context)
    }

    /// `GET /ws/v1/cluster/apps/{id}/appattempts`.
    /// - Throws: ``YARNError``.
    public func attempts(appId: String) async throws(YARNError) -> [AppAttempt] {
        try ApplicationID.check(appId, operation: "attempts")
        let (response, context) = try await execute(
            RMRequest(
                operation: "attempts", method: "GET", path: "/ws/v1/cluster/apps/\(appId)/appattempts",
                retriable: true, applicationId: appId))
        return try ResponseDecoding.attempts(response, context)
    }

    /// `GET /ws/v1/cluster/apps/{id}/state`: the raw, possibly internal state (`KILLING`).
    /// - Throws: ``YARNError``.
    public func appState(id: String) async throws(YARNError) -> YARNAppState {
        try ApplicationID.check(id, operation: "appState")
        let (response, context) = try await execute(
            RMRequest(
                operation: "appState", method: "GET", path: "/ws/v1/cluster/apps/\(id)/state", retriable: true,
                applicationId: id))
        return try ResponseDecoding.state(response, context)
    }

    /// The one app matching `filter`, `nil` when none does — never "the first in the list".
    /// `filter.limit` is ignored so that duplicates are always seen.
    /// - Throws: ``YARNError`` (`ambiguous`) naming every match with its state.
    public func findApp(_ filter: AppFilter) async throws(YARNError) -> YARNApp? {
        var unlimited = filter
        unlimited.limit = nil
        let matches = try await apps(unlimited)
        return try Self.single(matches, filter: unlimited, operation: "find_app")
    }

    /// `nil`, the only element, or an `ambiguous` error listing all of them (sorted by id).
    static func single(_ matches: [YARNApp], filter: AppFilter, operation: String) throws(YARNError) -> YARNApp? {
        guard matches.count > 1 else { return matches.first }
        let listed = matches.sorted { $0.id < $1.id }.map { "\($0.id) (\($0.state))" }.joined(separator: ", ")
        var what = "\(matches.count) applications match"
        if let name = filter.name { what += " name '\(OutsideText.quoted(name))'" }
        if !filter.applicationTags.isEmpty { what += " tags \(filter.applicationTags)" }
        throw YARNError(.ambiguous, operation: operation, message: what + ": " + listed)
    }
}
