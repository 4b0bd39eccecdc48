import ClusterSimulator
import Testing
import YARN

@Suite struct WaitTests {
    @Test func waitForStateEndsAtItsDeadlineWithTheLastStateAndBoundedPolls() async throws {
        // A slower clock, so that a request delayed by a busy machine costs few virtual seconds.
        try await SimHarness.with(try SimHarness.scenario("streaming-running"), rate: 5) { sim in
            let client = try SimHarness.client(sim)
            let started = sim.clock.now()
            let error = await #expect(throws: YARNError.self) {
                try await client.waitForApp(matching: AppFilter(name: "Aggregator"), states: [.finished], timeout: 10)
            }
            let elapsed = sim.clock.now() - started
            #expect(error?.code == .timeout)
            #expect(error?.lastState?.contains("RUNNING") == true)
            #expect((error?.polls ?? 0) >= 1 && (error?.polls ?? 99) <= 16, "fast first, then at most every 0.8 s")
            #expect(elapsed >= 10 && elapsed < 20, "ends at its deadline, not long after")

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
            let running = try await client.waitForApp(
                matching: AppFilter(name: "Submitted"), states: [.running],
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

@Suite struct SubmitTests {
    @Test func ambiguousSubmitFailureIsCheckedBeforeResending() async throws {
        try await SimHarness.with { sim in
            let client = try SimHarness.client(sim)
            let reserved = try await client.newApplication()
            await sim.apply(.connectionReset(target: .yarn, count: 1))
            try await client.submit(SubmissionContext(name: "Once", command: "run"), applicationId: reserved.applicationId)
            let counts = await sim.requestCounts()
            #expect(counts["YARN.POST /ws/v1/cluster/apps"] == 2, "re-sent only after the existence check")
            #expect(counts["YARN.GET /ws/v1/cluster/apps/{appid}"] == 1, "the check")
            let apps = try await client.apps(AppFilter(name: "Once"))
            #expect(apps.map(\.id) == [reserved.applicationId])
        }
    }
}

@Suite struct LargeClusterTests {
    @Test func twentyThousandAppsDecodeOverHTTP() async throws {
        try await SimHarness.with(try SimHarness.scenario("large-cluster")) { sim in
            let client = try SimHarness.client(sim)
            let all = try await client.apps()
            #expect(all.count >= 20_000)
            #expect(Set(all.map(\.id)).count == all.count)
            let found = try #require(try await client.findApp(AppFilter(states: [.running], name: "Aggregator")))
            #expect(found.applicationType == "SPARK")
        }
    }
}
