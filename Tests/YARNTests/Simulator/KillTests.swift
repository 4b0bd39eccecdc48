import ClusterSimulator
import Testing
import YARN

@Suite struct KillTests {
    @Test func killSees202ThenTerminalAndEndsKilled() async throws {
        try await SimHarness.with(try SimHarness.scenario("streaming-running")) { sim in
            let client = try SimHarness.client(sim)
            let app = try #require(try await client.findApp(AppFilter(states: [.running], name: "Aggregator")))
            let result = try await client.kill(appId: app.id, diagnostics: "redeploy", timeout: 60)
            #expect(result.state == .killed)
            #expect(!result.alreadyStopped)
            #expect(result.polls >= 1, "the PUT answered 202, so /state was polled")
            #expect(result.app?.finalStatus == .killed)
            #expect(result.app?.diagnostics?.contains("was killed by user") == true)
            let counts = await sim.requestCounts()
            #expect(counts["YARN.PUT /ws/v1/cluster/apps/{appid}/state"] == 1)
        }
    }

    @Test func killOfAStoppedAppIsASuccessfulNoOp() async throws {
        try await SimHarness.with(try SimHarness.scenario("streaming-running")) { sim in
            let client = try SimHarness.client(sim)
            let app = try #require(try await client.findApp(AppFilter(name: "Aggregator")))
            _ = try await client.kill(appId: app.id, timeout: 60)
            let again = try await client.kill(appId: app.id, timeout: 60)
            #expect(again.alreadyStopped && again.state == .killed && again.polls == 0)
            let counts = await sim.requestCounts()
            #expect(counts["YARN.PUT /ws/v1/cluster/apps/{appid}/state"] == 1, "no second PUT")
        }
    }

    @Test func killThatLingersTimesOutWithTheInternalStateSeen() async throws {
        try await SimHarness.with(try SimHarness.scenario("kill-lingers")) { sim in
            let client = try SimHarness.client(sim)
            let app = try #require(try await client.findApp(AppFilter(name: "Aggregator")))
            let error = await #expect(throws: YARNError.self) { try await client.kill(appId: app.id, timeout: 10) }
            #expect(error?.code == .timeout)
            #expect(error?.lastState?.contains("KILLING") == true)
            // Polls back off to 0.8 s: at most 16 in 10 s (AdaptivePoll), never a busy loop.
            #expect((error?.polls ?? 0) > 1 && (error?.polls ?? 99) <= 16)
        }
    }

    @Test func killEndingFinishedStillCountsAsStopped() async throws {
        try await SimHarness.with { sim in
            await sim.apply(.killEndsFinished)
            let cluster = await sim.createCluster(name: "c")
            let job = try await sim.startStreamingJob(clusterId: cluster, name: "Racer", jar: "s3://b/r.jar", mainClass: "R")
            let client = try SimHarness.client(sim)
            let result = try await client.kill(appId: job.appId, timeout: 60)
            #expect(result.state == .finished, "the AM unregistered while KILLING: any terminal state ends the kill")
        }
    }
}
