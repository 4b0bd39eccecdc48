import ClusterSimulator
import Foundation
import HTTPTransport
import SparkDeployCore
import Testing

/// The simulator's Livy batch API over real HTTP, coupled to its YARN model.
@Suite struct LivyRouteTests {
    static let csrf = [("X-Requested-By", "sparkdeploy-tests")]

    static func post(
        _ client: TestClient, _ sim: Simulator, _ body: String, headers: [(String, String)] = csrf
    ) async throws -> HTTPResponse {
        try await client.yarn(sim.livyEndpoint, "POST", "/batches", body: body, headers: headers)
    }

    @Test func yarnOnlyScenarioHasNoClusterAndAggregatorRunsAsALivyBatch() async throws {
        try await withSimulator(try Scenario.named("yarn-only")) { sim in
            let client = try TestClient()
            let snapshot = await sim.snapshot()
            #expect(snapshot.clusters.isEmpty)
            let list = try await client.yarn(sim.livyEndpoint, "GET", "/batches")
            #expect(list.status == 200)
            let sessions = list.json["sessions"] as? [[String: Any]] ?? []
            #expect(list.json["total"] as? Int == 1)
            #expect(sessions.first?["name"] as? String == "Aggregator")
            #expect(sessions.first?["state"] as? String == "running")
            let appId = try #require(sessions.first?["appId"] as? String)
            let app = try await client.yarn(sim.yarnEndpoints[0], "GET", "/ws/v1/cluster/apps/\(appId)")
            let yarnApp = app.json["app"] as? [String: Any] ?? [:]
            #expect(yarnApp["name"] as? String == "Aggregator")
            #expect(yarnApp["state"] as? String == "RUNNING")
            let tags = (yarnApp["applicationTags"] as? String ?? "").split(separator: ",").map(String.init)
            #expect(tags.contains("deploy") && tags.contains { $0.hasPrefix("livy-batch-0-") })
            let info = sessions.first?["appInfo"] as? [String: Any] ?? [:]
            #expect((info["sparkUiUrl"] as? String)?.hasSuffix("/proxy/\(appId)/") == true)
        }
    }

    @Test func csrfProtectionRefusesAPostWithoutXRequestedBy() async throws {
        try await withSimulator { sim in
            let client = try TestClient()
            let refused = try await Self.post(client, sim, #"{"file":"hdfs:///a.jar","name":"a"}"#, headers: [])
            #expect(refused.status == 400)
            #expect(refused.text.contains("Missing Required Header for CSRF protection."))
            let list = try await client.yarn(sim.livyEndpoint, "GET", "/batches")
            #expect(list.json["total"] as? Int == 0)
            let deleted = try await client.yarn(sim.livyEndpoint, "DELETE", "/batches/0")
            #expect(deleted.status == 400)
        }
    }

    @Test func aBatchStartsItsYarnAppAndEndsKilledWhenTheRMKillsIt() async throws {
        var scenario = Scenario.standard
        scenario.delays.kill = 0.2
        let clock = ScaledClock(rate: 1)
        let sim = try await Simulator.start(SimulatorOptions(clock: clock, scenario: scenario))
        defer { Task { await sim.stop() } }
        let client = try TestClient()
        let created = try await Self.post(
            client, sim,
            #"{"file":"hdfs:///jobs/etl-2.jar","className":"com.acme.Etl","args":["--day","1"],"name":"etl-42","queue":"default","#
                + #""conf":{"spark.yarn.tags":"Deploy,etl"},"driverMemory":"1g","numExecutors":2}"#)
        #expect(created.status == 201)
        #expect(created.header("Location") == "/batches/0")
        #expect(created.json["state"] as? String == "starting")
        #expect(created.json["appId"] is NSNull)
        #expect(created.json["name"] as? String == "etl-42")
        let duplicate = try await Self.post(client, sim, #"{"file":"hdfs:///jobs/etl-2.jar","name":"etl-42"}"#)
        #expect(duplicate.status == 400)
        #expect((duplicate.json["msg"] as? String)?.contains("Duplicate session name") == true)

        clock.advance(by: 20)
        let batch = try await client.yarn(sim.livyEndpoint, "GET", "/batches/0")
        #expect(batch.json["state"] as? String == "running")
        let appId = try #require(batch.json["appId"] as? String)
        let app = try await client.yarn(sim.yarnEndpoints[0], "GET", "/ws/v1/cluster/apps/\(appId)")
        let yarnApp = app.json["app"] as? [String: Any] ?? [:]
        #expect(yarnApp["name"] as? String == "etl-42")
        #expect((yarnApp["applicationTags"] as? String ?? "").contains("deploy,etl,livy-batch-0-"))
        let log = try await client.yarn(sim.livyEndpoint, "GET", "/batches/0/log?from=0&size=100")
        #expect((log.json["log"] as? [String] ?? []).contains("INFO Client: Submitted application \(appId)"))

        let kill = try await client.yarn(sim.yarnEndpoints[0], "PUT", "/ws/v1/cluster/apps/\(appId)/state", body: #"{"state":"KILLED"}"#)
        #expect(kill.status == 202)
        clock.advance(by: 5)
        let state = try await client.yarn(sim.livyEndpoint, "GET", "/batches/0/state")
        #expect(state.json["state"] as? String == "killed")
    }

    @Test func deleteKillsTheAppAndForgetsTheBatch() async throws {
        try await withSimulator(try Scenario.named("yarn-only")) { sim in
            let client = try TestClient()
            let before = try await client.yarn(sim.livyEndpoint, "GET", "/batches/0")
            let appId = try #require(before.json["appId"] as? String)
            let deleted = try await client.yarn(sim.livyEndpoint, "DELETE", "/batches/0", headers: Self.csrf)
            #expect(deleted.status == 200)
            #expect(deleted.json["msg"] as? String == "deleted")
            let gone = try await client.yarn(sim.livyEndpoint, "GET", "/batches/0")
            #expect(gone.status == 404)
            #expect(gone.json["msg"] as? String == "Session '0' not found.")
            sim.clock.advance(by: 10)
            let app = try await client.yarn(sim.yarnEndpoints[0], "GET", "/ws/v1/cluster/apps/\(appId)/state")
            #expect(app.json["state"] as? String == "KILLED")
            let bad = try await client.yarn(sim.livyEndpoint, "GET", "/batches/abc")
            #expect(bad.status == 400)
        }
    }

    @Test func appliedThenFailedPostLeavesTheBatchCreated() async throws {
        try await withSimulator { sim in
            let client = try TestClient()
            await sim.apply(.livyCreateThenFail(count: 1))
            let failed = try await Self.post(client, sim, #"{"file":"hdfs:///a.jar","name":"once-1"}"#)
            #expect(failed.status == 500)
            let list = try await client.yarn(sim.livyEndpoint, "GET", "/batches")
            let sessions = list.json["sessions"] as? [[String: Any]] ?? []
            #expect(sessions.map { $0["name"] as? String } == ["once-1"])
            let counts = await sim.requestCounts()
            #expect(counts["LIVY.POST /batches"] == 1 && counts["LIVY.GET /batches"] == 1)
        }
    }
}
