import ClusterSimulator
import Testing
import YARN

@Suite struct WaitTests {
    @Test func waitForStateEndsAtItsDeadlineWithTheLastStateAndBoundedPolls() async throws {
        try await SimHarness.with(try SimHarness.scenario("streaming-running")) { sim in
            let client = try SimHarness.client(sim)
            let started = sim.clock.now()
            let error = await #expect(throws: YARNError.self) {
                try await client.waitForApp(matching: AppFilter(name: "Aggregator"), states: [.finished], timeout: 10)
            }
            let elapsed = sim.clock.now() - started
            #expect(error?.code == .timeout)
            #expect(error?.lastState?.contains("RUNNING") == true)
            #expect((error?.polls ?? 0) >= 5 && (error?.polls ?? 99) <= 12)
            #expect(elapsed >= 10 && elapsed < 14)

            let missing = await #expect(throws: YARNError.self) {
                try await client.waitForApp(matching: AppFilter(name: "Nobody"), states: [.running], timeout: 3)
            }
            #expect(missing?.description.contains("no matching application") == true)
        }
    }

    @Test func submittedAppIsAwaitedUntilRunning() async throws {
        try await SimHarness.with { sim in
            let client = try SimHarness.client(sim)
            let since = sim.clock.now()
            let id = try await client.submit(SubmissionContext(name: "Submitted", command: "spark-submit x", tags: ["Deploy"]))
            let running = try await client.waitForApp(matching: AppFilter(name: "Submitted"), states: [.running],
                                                      timeout: 60, submittedAfter: since - 1)
            #expect(running.id == id)
            #expect(running.applicationTags == ["deploy"])
            let byId = try await client.waitForApp(id: id, states: [.running], timeout: 5)
            #expect(byId.state == .running)
        }
    }

    @Test func holdPassesWhileRunningAndFailsTheMomentTheAppStops() async throws {
        try await SimHarness.with(try SimHarness.scenario("streaming-running")) { sim in
            let client = try SimHarness.client(sim)
            let app = try #require(try await client.findApp(AppFilter(name: "Aggregator")))
            let held = try await client.hold(app.id, state: .running, seconds: 8)
            #expect(held.state == .running)

            let killer = try SimHarness.client(sim)
            async let kill: KillResult = killer.kill(appId: app.id, timeout: 60)
            let error = await #expect(throws: YARNError.self) { try await client.hold(app.id, state: .running, seconds: 300) }
            _ = try await kill
            #expect(error?.code == .leftState)
            #expect(error?.lastState == "KILLED")
            #expect(error?.message.contains("was killed by user") == true)
        }
    }
}
