import AWSCore
import EMR
import Foundation
import TestSupport
import Testing

/// A server (or proxy) that reflects the request's session token into its answer — body, error code,
/// request id — must still never get it into an EMR error.
@Suite(.serialized)
struct HostileEMRSecretTests {
    static func reflecting(_ request: HostileRequest) -> [(String, HostileResponse)] {
        let token = request.header("X-Amz-Security-Token") ?? ""
        let auth = request.header("Authorization") ?? ""
        let echo = "token=\(token) auth=\(auth)"
        let error = "{\"__type\":\"com.amazon#\(token)\",\"message\":\"\(echo)\"}"
        return [
            (
                "400 __type and message",
                .http(
                    status: 400, contentType: "application/x-amz-json-1.1",
                    headers: [("x-amzn-RequestId", token)], body: Array(error.utf8))
            ),
            (
                "500 x-amzn-ErrorType",
                .http(
                    status: 500, headers: [("x-amzn-ErrorType", "\(token):http://x")],
                    body: Array(echo.utf8))
            ),
            ("503 HTML", .http(status: 503, contentType: "text/html", body: Array("<html>\(echo)</html>".utf8))),
            ("200 HTML", .http(status: 200, contentType: "text/html", body: Array("<html>\(echo)</html>".utf8))),
            ("200 wrong type", .http(status: 200, body: Array("{\"Clusters\":\"\(echo)\"}".utf8))),
            ("200 truncated", .http(status: 200, body: Array("{\"Clusters\":[{\"Id\":\"\(echo)".utf8))),
        ]
    }

    @Test func reflectedSessionTokenNeverAppearsInErrors() async throws {
        let harness = try await HostileEMRHarness.start()
        harness.server.respond { _ in .http(status: 400, body: []) }
        _ = await harness.outcome(of: .listClusters)
        let request = try #require(harness.server.requests.first)
        #expect(request.header("X-Amz-Security-Token") == HostileEMRHarness.sessionToken)
        for (label, response) in Self.reflecting(request) {
            harness.server.respond { _ in response }
            for operation in [HostileEMROperation.listClusters, .describeCluster] {
                switch await harness.outcome(of: operation) {
                case .failed(let error):
                    harness.checkError(error, operation: operation, where: "EMR \(operation) \(label)")
                case .value(let value):
                    Issue.record("EMR \(operation) \(label) returned \(value)")
                case .hung:
                    Issue.record("EMR \(operation) \(label) hung")
                }
            }
        }
        await harness.stop()
    }

    /// Bug fixed: `AWSError` (now wrapped in `EMRError`) kept `__type`/`x-amzn-ErrorType` and `x-amzn-RequestId` unredacted, so a server
    /// echoing the session token there put it into the error's description.
    @Test func errorCodeAndRequestIdEchoingTheSessionTokenAreRedacted() async throws {
        let harness = try await HostileEMRHarness.start()
        let token = HostileEMRHarness.sessionToken
        harness.server.respond { _ in
            .http(
                status: 400, headers: [("x-amzn-RequestId", token), ("x-amzn-ErrorType", "\(token):http://x")],
                body: Array("{\"__type\":\"com.amazon#\(token)\",\"message\":\"no\"}".utf8))
        }
        guard case .failed(let error) = await harness.outcome(of: .describeCluster) else {
            Issue.record("expected an error")
            await harness.stop()
            return
        }
        let aws = try #require(error as? EMRError)
        #expect(aws.kind == .service)
        #expect(aws.code?.contains(token) == false && aws.requestID?.contains(token) == false)
        #expect(!aws.description.contains(token))
        await harness.stop()
    }
}
