import Foundation
import HTTPTransport
import SparkDeployCore
import TestSupport
import Testing
import YARN

/// An RM client with Basic auth and short time limits, pointed at a ``HostileServer``, and the checks
/// every hostile case must pass.
struct HostileYARNHarness {
    /// Secrets the client holds; they must never appear in an error.
    static let user = "hostile-user"
    static let password = "pw-Hostile-YARN-7f3a9c"
    static let delegationToken = "dt-Hostile-YARN-token-51e0"
    /// Each client request gives up after this long (stalled servers).
    static let requestTimeout = 0.5

    let server: HostileServer
    let client: RMClient

    static func start() async throws -> HostileYARNHarness {
        let server = try await HostileServer.start()
        let endpoint = try RMEndpoint(server.baseURL)
        let connection = RMConnection(
            endpoints: [endpoint], auth: .basic(user: user, password: password),
            extraHeaders: [(name: "X-Hadoop-Delegation-Token", value: delegationToken)],
            transport: TransportConfiguration(connectTimeout: 1, requestTimeout: requestTimeout),
            retry: RMRetryPolicy(maxAttempts: 1, maxTotalSeconds: 1, backoff: Backoff(base: 0.001, cap: 0.001)))
        return HostileYARNHarness(server: server, client: try RMClient(connection: connection))
    }

    /// What a call did.
    enum Outcome: Sendable {
        case value(any Sendable)
        case failed(YARNError)
        case hung
    }

    /// Calls `operation`, giving up (as `.hung`) after `deadline` seconds.
    func outcome(of operation: HostileYARNOperation, deadline: Double = 15) async -> Outcome {
        let client = self.client
        return await withTaskGroup(of: Outcome.self) { group in
            group.addTask {
                do throws(YARNError) { return .value(try await operation.call(client)) } catch { return .failed(error) }
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(deadline))
                return .hung
            }
            let first = await group.next() ?? .hung
            group.cancelAll()
            return first
        }
    }

    /// Serves `hostile`, calls `operation`, and records an issue unless the client threw a decoding or
    /// HTTP error that names the path and says what was wrong, with no secret in it — or, where the
    /// case allows, returned the valid body's value (fields may go missing, never change).
    /// Returns whether the client threw.
    @discardableResult
    func check(
        _ hostile: HostileCase, _ operation: HostileYARNOperation, expected: any Sendable, seed: UInt64,
        deadline: Double = 15
    ) async -> Bool {
        server.respond { _ in hostile.response }
        let where_ = "YARN \(operation) seed \(seed) case \(hostile.label)"
        switch await outcome(of: operation, deadline: deadline) {
        case .hung:
            Issue.record("hung: \(where_)")
            return false
        case .value(let value):
            guard hostile.expectation == .errorOrOriginal else {
                Issue.record("returned \(value) instead of throwing: \(where_)")
                return false
            }
            let differences = HostileOracle.unexplainedDifferences(
                expected: expected, actual: value, floatsMayChange: hostile.floatsMayChange,
                emptyIsValid: HostileOracle.isDocumentedEmptyAnswer(hostile.response))
            #expect(differences.isEmpty, "silently wrong value \(differences.prefix(3)): \(where_)")
            return false
        case .failed(let error):
            Self.checkError(error, path: operation.path, where: where_)
            return true
        }
    }

    /// The error names the path, says what was wrong, and holds no secret.
    static func checkError(_ error: YARNError, path: String, where label: String) {
        let text = error.description
        #expect(text.contains(path), "error does not name \(path): \(text) — \(label)")
        #expect(!error.message.isEmpty, "error says nothing: \(text) — \(label)")
        #expect(error.code != .cancelled, "cancelled: \(text) — \(label)")
        for secret in [password, delegationToken, "\(user):\(password)", basicToken] {
            #expect(!text.contains(secret), "secret in error: \(label)")
        }
    }

    static let basicToken = Data("\(user):\(password)".utf8).base64EncodedString()

    func stop() async { await server.stop() }
}
