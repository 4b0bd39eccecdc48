import AWSCore
import Foundation
import Logging
import S3
import SparkDeployCore
import TestSupport
import Testing

/// Retries per standard mode, except that a conditional write which may have reached S3 is never re-sent:
/// a real HTTP server on loopback answers with S3's XML error bodies.
struct S3RetryTests {
    let logger = Logger(label: "s3-retry")

    static func xmlError(_ code: String, status: Int) -> HostileResponse {
        .http(
            status: status, contentType: "application/xml", headers: [("x-amz-request-id", "REQ123")],
            body: Array(
                ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>\(code)</Code><Message>try &amp; see"
                    + "</Message><RequestId>REQ123</RequestId></Error>").utf8))
    }

    @Test func conditionalPutAfterA5xxIsOutcomeUnknownAndNotResent() async throws {
        let server = try await HostileServer.start()
        let s3 = try S3Clients.s3(endpoint: server.baseURL)
        server.respond { _ in Self.xmlError("InternalError", status: 500) }
        let error = try await #require(throws: S3OutcomeUnknownError.self) {
            try await s3.putObject(bucket: "leases", key: "lease", body: [1], ifNoneMatch: true, logger: logger)
        }
        #expect(server.requestCount == 1)
        #expect(error.description.contains("PutObject s3://leases/lease: outcome unknown"))
        #expect(error.description.contains("InternalError"))
        _ = try await #require(throws: S3OutcomeUnknownError.self) {
            try await s3.deleteObject(bucket: "leases", key: "lease", ifMatch: "\"e\"", logger: logger)
        }
        #expect(server.requestCount == 2)
        await server.stop()
    }

    @Test func unconditionalPutAfterA5xxIsRetriedAndTheErrorNamesTheCall() async throws {
        let server = try await HostileServer.start()
        let s3 = try S3Clients.s3(endpoint: server.baseURL)
        server.respond { _ in Self.xmlError("InternalError", status: 500) }
        let error = try await #require(throws: S3Error.self) {
            try await s3.putObject(bucket: "journal", key: "d/1.json", body: [1], logger: logger)
        }
        #expect(server.requestCount == 3)  // standard mode: 3 attempts
        #expect(error.code == "InternalError")
        #expect(error.message == "try & see")
        #expect(error.requestID == "REQ123")
        #expect(error.description.hasPrefix("S3 PutObject s3://journal/d/1.json: InternalError (HTTP 500): try & see"))
        await server.stop()
    }

    @Test func throttledConditionalPutIsRetriedBecauseItWasNotProcessed() async throws {
        let server = try await HostileServer.start()
        let s3 = try S3Clients.s3(endpoint: server.baseURL)
        server.respond { _ in Self.xmlError("SlowDown", status: 503) }
        let error = try await #require(throws: S3Error.self) {
            try await s3.putObject(bucket: "leases", key: "lease", body: [1], ifMatch: "\"e\"", logger: logger)
        }
        #expect(error.code == "SlowDown")
        #expect(server.requestCount == 3)
        #expect(server.requests.allSatisfy { $0.header("If-Match") == "\"e\"" })
        await server.stop()
    }

    @Test func conflictAndAccessDeniedAreDecodedAndNotRetried() async throws {
        let server = try await HostileServer.start()
        let s3 = try S3Clients.s3(endpoint: server.baseURL)
        server.respond { _ in Self.xmlError("ConditionalRequestConflict", status: 409) }
        let conflict = try await #require(throws: S3Error.self) {
            try await s3.putObject(bucket: "leases", key: "lease", body: [1], ifNoneMatch: true, logger: logger)
        }
        #expect(conflict.isConditionalConflict)
        #expect(conflict.status == 409)
        #expect(server.requestCount == 1)
        server.respond { _ in Self.xmlError("AccessDenied", status: 403) }
        let denied = try await #require(throws: S3Error.self) {
            try await s3.getObject(bucket: "leases", key: "lease", logger: logger)
        }
        #expect(denied.code == "AccessDenied")
        #expect(server.requestCount == 2)
        await server.stop()
    }
}
