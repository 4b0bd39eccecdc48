import AWSCore
import ClusterSimulator
import EMR
import Foundation
import HTTPTransport
import Logging
import SparkDeployCore
import Testing

/// Issue 19: every EMR client failure is one ``EMRError`` carrying its context (operation, endpoint,
/// request id, status, code) — against the simulator over real HTTP.
struct EMRErrorTests {
    let logger = Logger(label: "emr-error")

    @Test("an unknown cluster is a service EMRError naming operation, endpoint, request id, status and code")
    func serviceErrorCarriesItsContext() async throws {
        let sim = try await Simulator.start(SimulatorOptions(clock: ScaledClock(rate: 50)))
        defer { Task { await sim.stop() } }
        let emr = try Clients.emr(endpoint: sim.emrEndpoint, clock: sim.clock)
        let error = await #expect(throws: EMRError.self) { _ = try await emr.describeCluster("j-NOSUCH", logger: logger) }
        let found = try #require(error)
        #expect(found.kind == .service)
        #expect(found.operation == "DescribeCluster")
        #expect(found.endpoint == sim.emrEndpoint)
        #expect(found.status == 400 && found.code == "InvalidRequestException")
        #expect(found.requestID?.isEmpty == false)
        #expect(!found.isThrottling && !found.isRetryable)
        #expect(found.description.hasPrefix("EMR DescribeCluster: InvalidRequestException (HTTP 400): "), "\(found)")
        #expect(found.description.contains("request id \(found.requestID ?? "?")"), "\(found)")
    }

    @Test("throttling that outlasts the retries is a service EMRError that says it is throttling")
    func throttlingIsFlagged() async throws {
        let sim = try await Simulator.start(SimulatorOptions(clock: ScaledClock(rate: 50)))
        defer { Task { await sim.stop() } }
        await sim.apply(.emrThrottling(operation: "ListClusters", count: 10))
        let emr = try Clients.emr(
            endpoint: sim.emrEndpoint, clock: sim.clock,
            retry: RetryConfiguration(maxAttempts: 1, backoff: Backoff(base: 0.01, cap: 0.01)))
        let error = await #expect(throws: EMRError.self) { _ = try await emr.listClusters(logger: logger) }
        #expect(error?.kind == .service && error?.code == "ThrottlingException", "\(String(describing: error))")
        #expect(error?.isThrottling == true && error?.isRetryable == true)
    }

    @Test("an endpoint nobody listens on is a transport EMRError naming the operation and the endpoint")
    func transportFailureCarriesItsContext() async throws {
        let emr = try Clients.emr(
            endpoint: "http://127.0.0.1:1",
            retry: RetryConfiguration(maxAttempts: 1, backoff: Backoff(base: 0.01, cap: 0.01)))
        let error = await #expect(throws: EMRError.self) { _ = try await emr.listClusters(logger: logger) }
        let found = try #require(error)
        #expect(found.kind == .transport && found.transportFailure?.kind == .connectionFailed, "\(found)")
        #expect(found.operation == "ListClusters" && found.status == nil && found.code == nil)
        #expect(
            found.description.contains("http://127.0.0.1:1") && found.description.contains("(ListClusters)"),
            "\(found)")
        #expect(found.isRetryable)
    }
}
