import Foundation
import TestSupport
import Testing
import YARN

/// A server (or proxy) that reflects the request's credentials into its answer: the Basic
/// `Authorization` value and the delegation token must still never reach a ``YARNError``.
@Suite(.serialized)
struct HostileYARNSecretTests {
    /// Bodies and headers that echo whatever credentials the request carried.
    static func reflecting(_ request: HostileRequest) -> [(String, HostileResponse)] {
        let basic = request.header("Authorization") ?? ""
        let token = request.header("X-Hadoop-Delegation-Token") ?? ""
        let both = "\(basic) \(token)"
        let remote =
            "{\"RemoteException\":{\"exception\":\"\(token)\",\"message\":\"denied for \(both)\","
            + "\"javaClassName\":\"\(basic)\"}}"
        return [
            ("500 RemoteException", .http(status: 500, body: Array(remote.utf8))),
            ("400 RemoteException", .http(status: 400, body: Array(remote.utf8))),
            ("403 plain text", .http(status: 403, contentType: "text/plain", body: Array("denied: \(both)".utf8))),
            ("200 HTML", .http(status: 200, contentType: "text/html", body: Array("<html>\(both)</html>".utf8))),
            ("200 wrong type", .http(status: 200, body: Array("{\"apps\":\"\(both)\"}".utf8))),
            ("200 truncated", .http(status: 200, body: Array("{\"apps\":{\"app\":[{\"id\":\"\(both)".utf8))),
            ("200 id of wrong type", .http(status: 200, body: Array("{\"apps\":{\"app\":[{\"id\":[\"\(both)\"]}]}}".utf8))),
            ("307 to a URL with the token", .http(status: 307, headers: [("Location", "http://x/?t=\(token)")], body: [])),
        ]
    }

    @Test func reflectedCredentialsNeverAppearInErrors() async throws {
        let harness = try await HostileYARNHarness.start()
        harness.server.respond { request in .http(status: 200, body: []) }
        _ = await harness.outcome(of: .apps)
        let request = try #require(harness.server.requests.first)
        #expect(request.header("Authorization") == "Basic \(HostileYARNHarness.basicToken)")
        for (label, response) in Self.reflecting(request) {
            harness.server.respond { _ in response }
            for operation in [HostileYARNOperation.apps, .app, .appState] {
                switch await harness.outcome(of: operation) {
                case .failed(let error):
                    HostileYARNHarness.checkError(error, path: operation.path, where: "YARN \(operation) \(label)")
                case .value(let value):
                    Issue.record("YARN \(operation) \(label) returned \(value)")
                case .hung:
                    Issue.record("YARN \(operation) \(label) hung")
                }
            }
        }
        await harness.stop()
    }

    /// Bug fixed: `YARNError.exception` (the RemoteException's `exception` name) was kept unredacted, so a
    /// server echoing the delegation token there put it into the error's description.
    @Test func remoteExceptionNameEchoingTheDelegationTokenIsRedacted() async throws {
        let harness = try await HostileYARNHarness.start()
        let token = HostileYARNHarness.delegationToken
        harness.server.respond { _ in
            .http(status: 404, body: Array("{\"RemoteException\":{\"exception\":\"\(token)\",\"message\":\"gone\"}}".utf8))
        }
        guard case .failed(let error) = await harness.outcome(of: .app) else {
            Issue.record("expected an error")
            await harness.stop()
            return
        }
        #expect(error.code == .notFound)
        #expect(error.exception?.contains(token) == false)
        #expect(!error.description.contains(token))
        await harness.stop()
    }
}
