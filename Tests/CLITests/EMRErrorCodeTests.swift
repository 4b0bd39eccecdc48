import ClusterSimulator
import Foundation
import SparkDeployCore
import Testing

/// An EMR client failure (one `EMRError`) reaches a recipe as a Lua error with the code, status and retryable
/// flag it had before the error types were consolidated — against the simulator over HTTP.
@Suite("EMR errors in recipes")
struct EMRErrorCodeTests {
    static func environment(endpoint: String) -> [String: String] {
        [
            "AWS_ENDPOINT_URL_EMR": endpoint, "AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "test-secret-key",
            "AWS_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true", "AWS_MAX_ATTEMPTS": "1",
        ]
    }

    static let printError = "print(ok, err.code, err.status, err.retryable, err.operation)"

    @Test("a service error keeps EMR's code and status, not retryable, with the function as operation")
    func serviceError() async throws {
        let sim = try await Simulator.start(SimulatorOptions(clock: ScaledClock(rate: 30)))
        defer { Task { await sim.stop() } }
        let chunk = "local ok, err = pcall(emr.cluster, 'j-NOSUCH')\n" + Self.printError
        let r = try await CLI.runDetached(
            ["exec", "--timeout", "30", "-e", chunk],
            environment: Self.environment(endpoint: sim.emrEndpoint))
        #expect(r.stdout == "false\tInvalidRequestException\t400\tfalse\temr.cluster\n", "\(r.output)")
    }

    @Test("throttling is retryable and keeps its code")
    func throttling() async throws {
        let sim = try await Simulator.start(SimulatorOptions(clock: ScaledClock(rate: 30)))
        defer { Task { await sim.stop() } }
        await sim.apply(.emrThrottling(operation: "ListClusters", count: 5))
        let chunk = "local ok, err = pcall(emr.clusters)\n" + Self.printError
        let r = try await CLI.runDetached(
            ["exec", "--timeout", "30", "-e", chunk],
            environment: Self.environment(endpoint: sim.emrEndpoint))
        #expect(r.stdout.hasPrefix("false\tThrottlingException\t400\ttrue\t"), "\(r.output)")
    }

    @Test("a refused connection is transport.connectionFailed, retryable")
    func transport() async throws {
        let chunk = "local ok, err = pcall(emr.clusters)\n" + Self.printError
        let r = try await CLI.runDetached(
            ["exec", "--timeout", "30", "-e", chunk],
            environment: Self.environment(endpoint: "http://127.0.0.1:1"))
        #expect(r.stdout == "false\ttransport.connectionFailed\tnil\ttrue\tnil\n", "\(r.output)")
    }
}
