import AWSCore
import EMR
import HTTPTransport
import Logging
import SparkDeployCore
import TestSupport
import Testing

/// An EMR client with a fake secret key and session token and short time limits, pointed at a
/// ``HostileServer``, and the checks every hostile case must pass.
struct HostileEMRHarness {
    static let accessKey = "AKIAHOSTILEEXAMPLE01"
    static let secretKey = "sk-Hostile-EMR-secret-9d2b7e41c0"
    static let sessionToken = "st-Hostile-EMR-session-token-03fa88"
    /// Each request gives up after this long (stalled servers).
    static let requestTimeout = 0.5

    let server: HostileServer
    let client: EMRClient
    let logger = Logger(label: "hostile-emr")

    /// `maxAttempts` bounds retries and, for non-idempotent calls, re-sends after a checked ambiguous failure.
    static func start(maxAttempts: Int = 1) async throws -> HostileEMRHarness {
        let server = try await HostileServer.start()
        let configuration = AWSServiceConfiguration(
            service: .emr, signingName: "elasticmapreduce", targetPrefix: "ElasticMapReduce", region: "us-east-1",
            endpoint: server.baseURL, retry: RetryConfiguration(maxAttempts: maxAttempts, backoff: Backoff(base: 0.001, cap: 0.001)),
            requestTimeout: requestTimeout)
        let credentials = StaticCredentialProvider(
            AWSCredentials(
                accessKeyID: accessKey, secretAccessKey: secretKey,
                sessionToken: sessionToken))
        let transport = try HTTPTransport(
            configuration: TransportConfiguration(
                connectTimeout: 1,
                requestTimeout: requestTimeout))
        let json = JSON11Client(configuration: configuration, credentials: credentials, transport: transport)
        return HostileEMRHarness(server: server, client: EMRClient(json: json))
    }

    /// What a call did.
    enum Outcome: Sendable {
        case value(any Sendable)
        case failed(any Error)
        case hung
    }

    /// Calls `operation`, giving up (as `.hung`) after `deadline` seconds.
    func outcome(of operation: HostileEMROperation, deadline: Double = 15) async -> Outcome {
        await outcome(deadline: deadline) { client, logger in try await operation.call(client, logger: logger) }
    }

    /// Runs `call` with the client, giving up (as `.hung`) after `deadline` seconds.
    func outcome(
        deadline: Double,
        _ call: @escaping @Sendable (EMRClient, Logger) async throws -> any Sendable
    ) async -> Outcome {
        let client = self.client
        let logger = self.logger
        return await withTaskGroup(of: Outcome.self) { group in
            group.addTask {
                do { return .value(try await call(client, logger)) } catch { return .failed(error) }
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

    /// Serves `hostile`, calls `operation`, and records an issue unless the client threw a typed error
    /// naming the operation (or, for a transport failure, the endpoint) and what was wrong, with no
    /// secret in it — or, where the case allows, returned the valid body's value.
    /// Returns whether the client threw.
    @discardableResult
    func check(
        _ hostile: HostileCase, _ operation: HostileEMROperation, expected: any Sendable, seed: UInt64,
        deadline: Double = 15
    ) async -> Bool {
        server.respond { _ in hostile.response }
        let label = "EMR \(operation) seed \(seed) case \(hostile.label)"
        switch await outcome(of: operation, deadline: deadline) {
        case .hung:
            Issue.record("hung: \(label)")
            return false
        case .value(let value):
            guard hostile.expectation == .errorOrOriginal else {
                Issue.record("returned \(value) instead of throwing: \(label)")
                return false
            }
            let differences = HostileOracle.unexplainedDifferences(
                expected: expected, actual: value,
                floatsMayChange: hostile.floatsMayChange)
            #expect(differences.isEmpty, "silently wrong value \(differences.prefix(3)): \(label)")
            return false
        case .failed(let error):
            checkError(error, operation: operation, where: label)
            return true
        }
    }

    /// The error is the client's ``EMRError``, names the operation or endpoint, says what was wrong,
    /// and holds no secret.
    func checkError(_ error: any Error, operation: HostileEMROperation, where label: String) {
        let text = String(describing: error)
        for secret in [Self.secretKey, Self.sessionToken] {
            #expect(!text.contains(secret), "secret in error: \(text) — \(label)")
        }
        guard let error = error as? EMRError else {
            Issue.record("untyped error \(type(of: error)): \(text) — \(label)")
            return
        }
        switch error.kind {
        case .service:
            #expect(error.operation == operation.rawValue && text.contains(operation.rawValue), "\(text) — \(label)")
            #expect(error.code?.isEmpty == false, "no error code: \(text) — \(label)")
        case .unreadableResponse:
            #expect(error.operation == operation.rawValue && text.contains(operation.rawValue), "\(text) — \(label)")
            #expect(!error.message.isEmpty, "no reason: \(text) — \(label)")
        case .transport:
            #expect(error.transportFailure != nil, "transport error without its failure: \(text) — \(label)")
            #expect(text.contains(server.baseURL), "transport error does not name the endpoint: \(text) — \(label)")
            #expect(text.contains(operation.rawValue), "transport error does not name the operation: \(text) — \(label)")
        case .outcomeUnknown:
            Issue.record("a read ended in outcome unknown: \(text) — \(label)")
        }
    }

    func stop() async { await server.stop() }
}
