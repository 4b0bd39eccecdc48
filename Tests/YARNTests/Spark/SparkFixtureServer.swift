import Foundation
import HTTPTransport
import Logging
import SparkDeployCore
import TestSupport
import YARN

/// A ``HostileServer`` answering Spark REST paths with canned bodies, and clients pointed at it.
enum SparkFixtureServer {
    /// The YARN application id the fixtures use.
    static let appId = "application_1764913000000_0009"

    /// Starts a server answering each path ending in a key of `routes` with its response (404 text otherwise).
    static func start(_ routes: [String: HostileResponse]) async throws -> HostileServer {
        let server = try await HostileServer.start()
        server.respond { request in
            for (suffix, response) in routes where request.path.hasSuffix(suffix) { return response }
            return .http(status: 404, contentType: "text/plain", body: Array("unknown app: \(request.path)".utf8))
        }
        return server
    }

    /// A 200 JSON response with the fixture `Fixtures/spark/<name>`.
    static func json(_ name: String) throws -> HostileResponse {
        .http(status: 200, contentType: "application/json", body: try Fixture.bytes("spark/" + name))
    }

    /// A 404 like the driver's for an endpoint it does not serve.
    static func notServed(_ text: String) -> HostileResponse {
        .http(status: 404, contentType: "text/plain;charset=utf-8", body: Array(text.utf8))
    }

    /// A redirect to `location`.
    static func redirect(_ status: Int, to location: String) -> HostileResponse {
        .http(status: status, contentType: "text/plain", headers: [("Location", location)], body: [])
    }

    /// No retries, short time limits: a fixture's answer is final.
    static let noRetry = RMRetryPolicy(maxAttempts: 1, maxTotalSeconds: 5, backoff: Backoff(base: 0.01, cap: 0.01))

    /// A client going through the RM web proxy of `servers` (in order), with `auth`.
    static func proxyClient(_ servers: [String], auth: RMAuth = .anonymous, maxRedirects: Int = 3) throws -> SparkRESTClient {
        var connection = try RMConnection(addresses: servers, auth: auth)
        connection.retry = noRetry
        connection.transport.connectTimeout = 2
        connection.transport.requestTimeout = 5
        let rm = try RMClient(connection: connection, logger: Logger(label: "spark-tests"))
        return try SparkRESTClient(rm: rm, applicationId: appId, maxRedirects: maxRedirects)
    }

    /// A client of a driver UI at `url`.
    static func directClient(_ url: String, applicationId: String? = appId) throws -> SparkRESTClient {
        try SparkRESTClient(
            driverURL: url, applicationId: applicationId,
            transport: TransportConfiguration(connectTimeout: 2, requestTimeout: 5), retry: noRetry)
    }

    /// `2026-12-05T05:39:52.877GMT` as a date.
    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text.replacingOccurrences(of: "GMT", with: "Z"))
    }
}
