import AWSCore
import EMR
import Foundation
import HTTPTransport
import Logging
import SparkDeployCore
import TestSupport
import Testing

/// One EMR call is bounded in time (all attempts and waits) and in memory (the body stops at a cap while
/// it streams in), against a real local server that stalls or never stops sending (issue 21, item 10).
@Suite("EMR calls are bounded: a time budget per call, a body cap while streaming")
struct HostileEMRBoundsTests {
    /// A client against `server` with a long per-attempt limit, many attempts, and the given budget and cap.
    private func client(_ server: HostileServer, budget: Double = 60, cap: Int = 64 << 20) throws -> EMRClient {
        let configuration = AWSServiceConfiguration(
            service: .emr, signingName: "elasticmapreduce", targetPrefix: "ElasticMapReduce", region: "us-east-1",
            endpoint: server.baseURL, retry: RetryConfiguration(maxAttempts: 10, backoff: Backoff(base: 0.05, cap: 0.05)),
            maxResponseBytes: cap, requestTimeout: 20, callBudget: budget)
        let credentials = StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIDBOUNDS", secretAccessKey: "bounds-secret"))
        let transport = try HTTPTransport(configuration: TransportConfiguration(connectTimeout: 1, requestTimeout: 20))
        return EMRClient(json: JSON11Client(configuration: configuration, credentials: credentials, transport: transport))
    }

    @Test("the defaults: 60 s per call, 64 MiB per body")
    func defaults() {
        let configuration = AWSServiceConfiguration(
            service: .emr, signingName: "elasticmapreduce", targetPrefix: "ElasticMapReduce",
            region: "us-east-1", endpoint: "http://127.0.0.1:1")
        #expect(configuration.callBudget == 60)
        #expect(configuration.maxResponseBytes == 64 << 20)
    }

    @Test("a stalled endpoint ends the call at its budget, not after every attempt's own limit")
    func stalledEndpoint() async throws {
        let server = try await HostileServer.start()
        defer { Task { await server.stop() } }
        server.respond { _ in .raw(Array("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{".utf8), then: .stall) }
        let emr = try client(server, budget: 1.5)
        let started = ContinuousClock.now
        let error = await #expect(throws: EMRError.self) { _ = try await emr.listClusters(logger: Logger(label: "bounds")) }
        #expect(error?.kind == .transport && error?.transportFailure != nil, "\(String(describing: error))")
        let elapsed = ContinuousClock.now - started
        #expect(elapsed < .seconds(6), "the call took \(elapsed) (per-attempt limit 20 s, budget 1.5 s)")
    }

    @Test("an endless body stops at the cap, naming the endpoint and the cap")
    func endlessBody() async throws {
        let server = try await HostileServer.start()
        defer { Task { await server.stop() } }
        // Chunked, no length to check up front: 4 MiB in 64 KiB chunks, then silence (an "endless" body, as far
        // as the client can tell, for as long as the test lasts).
        let chunk = Array("10000\r\n".utf8) + Array(repeating: UInt8(ascii: "x"), count: 0x10000) + Array("\r\n".utf8)
        let head = Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
        let bytes = head + Array((0..<64).map { _ in chunk }.joined())
        server.respond { _ in .raw(bytes, then: .stall) }
        let emr = try client(server, cap: 1 << 20)
        let started = ContinuousClock.now
        do {
            _ = try await emr.listClusters(logger: Logger(label: "bounds"))
            Issue.record("an endless body was accepted")
        } catch let error as EMRError {
            #expect(error.kind == .transport && error.transportFailure?.kind == .responseTooLarge, "\(error)")
            #expect(error.description.contains("1048576 bytes"), "\(error)")
            #expect(error.description.contains(server.baseURL), "\(error)")
        }
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(server.requestCount == 1, "a body over the cap is not retried")
    }
}
