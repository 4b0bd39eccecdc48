import Foundation
import HTTPTransport
import TestSupport
import Testing
import YARN

/// The Spark REST client against a real Spark driver (PyPI `pyspark`, `local[1]`, a `rate` → `noop`
/// Structured Streaming query with a 2 s trigger), started once per test process by ``SparkDriver``.
@Suite(.enabled(if: Peers.shouldRun(.pyspark), "pyspark or Java is missing (scripts/bootstrap.sh --with-peers)"))
struct SparkRESTRealDriverTests {
    /// The shared driver, after checking the peer (a missing one fails under SPARKDEPLOY_REQUIRE_PEERS=1).
    static func driver() async throws -> SparkDriver {
        try Peers.require(.pyspark)
        return try await SparkDriver.shared()
    }

    static func client(_ driver: SparkDriver, applicationId: String? = nil) throws -> SparkRESTClient {
        try SparkRESTClient(
            driverURL: driver.baseURL, applicationId: applicationId ?? driver.applicationId,
            transport: TransportConfiguration(connectTimeout: 2, requestTimeout: 10))
    }

    /// Polls `read` until it exceeds `floor`, for at most `seconds`.
    static func waitUntil(exceeds floor: Int, seconds: Double = 30, _ read: () async throws -> Int) async throws -> Int {
        let deadline = Date().addingTimeInterval(seconds)
        var value = try await read()
        while value <= floor, Date() < deadline {
            try await Task.sleep(for: .milliseconds(500))
            value = try await read()
        }
        return value
    }

    @Test func completedJobsGrowBetweenTwoReads() async throws {
        let driver = try await Self.driver()
        let client = try Self.client(driver)
        let first = try await client.jobs(status: .succeeded).count
        let later = try await Self.waitUntil(exceeds: first) { try await client.jobs(status: .succeeded).count }
        #expect(later > first, "a micro-batch every 2 s completes jobs (driver started in \(driver.startSeconds) s)")
        #expect(try await client.jobs().allSatisfy { $0.status != .failed })
    }

    @Test func sqlListsTheMicroBatchExecutions() async throws {
        let client = try Self.client(try await Self.driver())
        let batches = try await Self.waitUntil(exceeds: 0) {
            try await client.sqlExecutions().filter { $0.isCompleted && $0.description.contains("batch = ") }.count
        }
        #expect(batches > 0)
        // The driver's two queries (this one and the checkpointed one CheckpointTests drain) run every execution.
        let executions = try await client.sqlExecutions()
        #expect(executions.contains { $0.description.contains("sparkdeploy_rate_noop") })
        #expect(
            executions.allSatisfy {
                $0.description.contains("sparkdeploy_rate_noop") || $0.description.contains("sparkdeploy_checkpointed")
            })
    }

    @Test func executorsHaveTheLocalDriverActive() async throws {
        let client = try Self.client(try await Self.driver())
        let executors = try await client.executors()
        #expect(executors.contains { $0.id == "driver" && $0.isActive && $0.runsTasks })
    }

    @Test func progressNormalisesTheRealDriver() async throws {
        let driver = try await Self.driver()
        let client = try Self.client(driver, applicationId: nil as String?)
        #expect(try await client.applicationId() == driver.applicationId, "direct mode asks the driver")
        let first = try await client.progress()
        #expect(first.batchSource == .sqlExecutions, "Structured Streaming: streaming/statistics is 404")
        #expect(first.activeExecutors >= 1)
        #expect(first.failedJobs == 0)
        let batches = try await Self.waitUntil(exceeds: first.completedBatches) { try await client.progress().completedBatches }
        #expect(batches > first.completedBatches)
        let last = try #require(try await client.progress().lastCompletionTime)
        #expect(abs(last.timeIntervalSinceNow) < 60)
    }

    @Test func anUnknownApplicationNamesTheEndpoint() async throws {
        let client = try Self.client(try await Self.driver(), applicationId: "application_0000000000000_0000")
        let error = await #expect(throws: SparkRESTError.self) { try await client.jobs() }
        #expect(error?.code == .notFound)
        #expect(error?.endpoint == "jobs")
        #expect(error?.status == 404)
        let text = String(describing: error)
        #expect(text.contains("Spark REST jobs failed") && text.contains("no such app"), "\(text)")
    }

    @Test func theProxyRedirectReachesTheRealDriver() async throws {
        let driver = try await Self.driver()
        let proxy = try await HostileServer.start()
        defer { Task { await proxy.stop() } }
        let target = driver.baseURL
        proxy.respond { request in
            // An RM proxy sending the client to the driver: /proxy/{id}/api/v1/… → {driver}/api/v1/…
            let rest = request.target.components(separatedBy: "/api/v1/").dropFirst().joined(separator: "/api/v1/")
            return .http(status: 302, contentType: "text/plain", headers: [("Location", "\(target)/api/v1/\(rest)")], body: [])
        }
        let rm = try RMClient(connection: RMConnection(addresses: [proxy.baseURL]))
        let client = try SparkRESTClient(rm: rm, applicationId: driver.applicationId)
        let progress = try await client.progress()
        #expect(progress.activeExecutors >= 1)
        #expect(proxy.requests.first?.path == "/proxy/\(driver.applicationId)/api/v1/applications/\(driver.applicationId)/jobs")
    }
}
