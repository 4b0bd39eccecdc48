import ClusterSimulator
import Testing
import YARN

/// The progress gate ("healthy, not just RUNNING") against the simulator's Spark driver REST API behind
/// the RM's web proxy: one behaviour per test, the streaming app "Aggregator" of `streaming-running`.
@Suite struct ProgressGateTests {
    /// `streaming-running` with the Aggregator's driver behaving as `behaviour`.
    static func world(_ behaviour: SparkBehaviour?) throws -> Scenario {
        var scenario = try SimHarness.scenario("streaming-running")
        if let behaviour { scenario.faults.append(.sparkBehaviour(appName: "Aggregator", behaviour: behaviour)) }
        return scenario
    }

    static func aggregator(_ client: RMClient) async throws -> YARNApp {
        try #require(try await client.findApp(AppFilter(states: [.running], name: "Aggregator")))
    }

    @Test func aHealthyAppPassesAfterItsBatchesWithOneProxyRequestPerPoll() async throws {
        try await SimHarness.with(try Self.world(nil)) { sim in
            let client = try SimHarness.client(sim)
            let app = try await Self.aggregator(client)
            let spark = try SparkRESTClient(rm: client, applicationId: app.id)
            let result = try await client.awaitProgress(appId: app.id, minBatches: 2, timeout: 60, spark: spark)
            #expect(result.tally.completed >= 2)
            #expect(result.tally.failed == 0)
            #expect((result.activeExecutors ?? 0) >= 1)
            // jobs once per poll, executors once at the end: detecting "no progress" costs one proxy request per poll.
            #expect(spark.requestCount <= result.polls + 1, "\(spark.requestCount) proxy requests in \(result.polls) polls")

            let held = try await client.holdWithProgress(appId: app.id, seconds: 6, stallTimeout: 30, spark: spark)
            #expect(held.completed > result.tally.completed, "completed jobs grew while holding")
        }
    }

    @Test func aStalledAppFailsAtTheDeadlineSayingItCompletedNothing() async throws {
        try await SimHarness.with(try Self.world(.stalled)) { sim in
            let client = try SimHarness.client(sim)
            let app = try await Self.aggregator(client)
            let started = sim.clock.now()
            let error = await #expect(throws: YARNError.self) {
                try await client.awaitProgress(appId: app.id, minBatches: 2, timeout: 20)
            }
            #expect(error?.code == .noProgress)
            #expect(error?.message.contains("completed no Spark job or batch in 20 s") == true, "\(String(describing: error))")
            #expect(error?.message.contains("1 job running") == true)
            #expect(sim.clock.now() - started >= 20)
        }
    }

    @Test func failingBatchesFailTheGateAtOnceWithTheJobsReason() async throws {
        try await SimHarness.with(try Self.world(.failingBatches)) { sim in
            let client = try SimHarness.client(sim)
            let app = try await Self.aggregator(client)
            let started = sim.clock.now()
            let error = await #expect(throws: YARNError.self) {
                try await client.awaitProgress(appId: app.id, minBatches: 2, timeout: 120)
            }
            #expect(error?.code == .noProgress)
            #expect(error?.message.contains("failed") == true)
            #expect(error?.message.contains("IllegalStateException") == true, "\(String(describing: error))")
            #expect(sim.clock.now() - started < 60, "a failed job ends the gate, not the deadline")
        }
    }

    @Test func lostExecutorsFailTheGateNamingThem() async throws {
        try await SimHarness.with(try Self.world(.executorsLost)) { sim in
            let client = try SimHarness.client(sim)
            let app = try await Self.aggregator(client)
            let error = await #expect(throws: YARNError.self) {
                try await client.awaitProgress(appId: app.id, minBatches: 2, timeout: 15)
            }
            #expect(error?.code == .noProgress)
            #expect(error?.message.contains("no executor alive") == true, "\(String(describing: error))")
        }
    }

    @Test func holdingAStalledAppFailsOnceTheStallOutlastsThePace() async throws {
        try await SimHarness.with(try Self.world(.stalled)) { sim in
            let client = try SimHarness.client(sim)
            let app = try await Self.aggregator(client)
            let error = await #expect(throws: YARNError.self) {
                try await client.holdWithProgress(appId: app.id, seconds: 5, stallTimeout: 12)
            }
            #expect(error?.code == .noProgress)
            #expect(error?.message.contains("completed no Spark job for") == true, "\(String(describing: error))")
        }
    }

    @Test func aDiagnosisOfAnAppThatFailedToStartShowsTheAMsStderrTail() async throws {
        var scenario = try SimHarness.scenario("streaming-running")
        scenario.faults.append(.appFailsToStart(appName: "Broken"))
        try await SimHarness.with(scenario) { sim in
            let client = try SimHarness.client(sim)
            let id = try await client.submit(SubmissionContext(name: "Broken", command: "spark-submit --class com.acme.Missing x.jar"))
            _ = try? await client.waitForApp(id: id, states: [.failed], timeout: 60)
            let diagnosis = await client.diagnose(appId: id, logBytes: 2048)
            #expect(diagnosis.app?.state == .failed)
            #expect(!diagnosis.attempts.isEmpty)
            let log = try #require(diagnosis.amLog, "gaps: \(diagnosis.gaps)")
            #expect(log.lines.contains { $0.contains("ClassNotFoundException") }, "\(log.lines)")
            #expect(log.lines.joined(separator: "\n").utf8.count <= 2048)
            #expect(diagnosis.gaps.isEmpty, "\(diagnosis.gaps)")
        }
    }
}
