import Foundation
import SparkDeployCore

extension RMClient {
    /// `GET /apps/{id}/queue`.
    /// - Throws: ``YARNError``.
    public func queue(appId: String) async throws(YARNError) -> String {
        try ApplicationID.check(appId, operation: "queue")
        let (response, context) = try await execute(
            RMRequest(
                operation: "queue", method: "GET", path: "/ws/v1/cluster/apps/\(appId)/queue", retriable: true,
                applicationId: appId))
        let value = try ResponseDecoding.field("queue", response, context)
        guard let queue = value.string else { throw context.error("'queue' is a \(value.typeName), expected a string") }
        return queue
    }

    /// `PUT /apps/{id}/queue {"queue": …}`: moves a running app to another queue (idempotent, retried).
    /// - Throws: ``YARNError``.
    public func moveQueue(appId: String, to queue: String) async throws(YARNError) {
        try ApplicationID.check(appId, operation: "moveQueue")
        _ = try await execute(
            RMRequest(
                operation: "moveQueue", method: "PUT", path: "/ws/v1/cluster/apps/\(appId)/queue",
                body: JSONBody.encode(["queue": .string(queue)]), retriable: true,
                accepted: [200, 202], applicationId: appId))
    }

    /// `GET /apps/{id}/priority`.
    /// - Throws: ``YARNError``.
    public func priority(appId: String) async throws(YARNError) -> Int {
        try ApplicationID.check(appId, operation: "priority")
        let (response, context) = try await execute(
            RMRequest(
                operation: "priority", method: "GET", path: "/ws/v1/cluster/apps/\(appId)/priority",
                retriable: true, applicationId: appId))
        let value = try ResponseDecoding.field("priority", response, context)
        guard let priority = value.int64 else { throw context.error("'priority' is a \(value.typeName), expected a number") }
        return Int(truncatingIfNeeded: priority)
    }

    /// `PUT /apps/{id}/priority {"priority": n}` (idempotent, retried).
    /// - Throws: ``YARNError``.
    public func setPriority(appId: String, _ priority: Int) async throws(YARNError) {
        try ApplicationID.check(appId, operation: "setPriority")
        _ = try await execute(
            RMRequest(
                operation: "setPriority", method: "PUT", path: "/ws/v1/cluster/apps/\(appId)/priority",
                body: JSONBody.encode(["priority": .integer(priority)]), retriable: true,
                accepted: [200, 202], applicationId: appId))
    }

    /// `PUT /apps/{id}/timeout {"timeout":{"type":"LIFETIME","expiryTime":…}}`: the app is killed at `expiry`
    /// (epoch seconds).
    /// - Throws: ``YARNError``.
    public func setLifetime(appId: String, expiry: Double) async throws(YARNError) {
        try ApplicationID.check(appId, operation: "setLifetime")
        let body: JSONText = ["timeout": ["type": "LIFETIME", "expiryTime": .string(Self.expiryText(expiry))]]
        _ = try await execute(
            RMRequest(
                operation: "setLifetime", method: "PUT", path: "/ws/v1/cluster/apps/\(appId)/timeout",
                body: JSONBody.encode(body), retriable: true,
                accepted: [200, 202], applicationId: appId))
    }

    /// `yyyy-MM-dd'T'HH:mm:ss.SSSZ` in UTC, as the RM parses `expiryTime`.
    static func expiryText(_ epochSeconds: Double) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSSZ"
        return formatter.string(from: Date(timeIntervalSince1970: epochSeconds))
    }
}
