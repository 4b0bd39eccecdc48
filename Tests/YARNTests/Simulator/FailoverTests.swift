import ClusterSimulator
import Testing
import YARN

@Suite struct FailoverTests {
    private func threeRMs() -> Scenario {
        var scenario = Scenario.standard
        scenario.resourceManagers = 3
        scenario.clusters = [ClusterSeed(streamingJobs: [StreamingJobSeed(name: "Aggregator", mainClass: "A", jar: "s3://b/a.jar")])]
        return scenario
    }

    @Test func failoverBetweenTwoCallsIsTransparent() async throws {
        try await SimHarness.with(threeRMs()) { sim in
            let client = try SimHarness.client(sim)
            let before = try #require(try await client.findApp(AppFilter(name: "Aggregator")))
            #expect(client.activeEndpoint.baseURL == sim.yarnEndpoints[0])
            await sim.failover(to: 2)
            let after = try #require(try await client.findApp(AppFilter(name: "Aggregator")))
            #expect(after.id == before.id)
            #expect(client.activeEndpoint.baseURL == sim.yarnEndpoints[2])
            #expect(client.failoverCount >= 1)
            // A PUT after another failover: the client re-sends the body itself.
            await sim.failover(to: 1)
            let killed = try await client.kill(appId: before.id, timeout: 60)
            #expect(killed.state == .killed)
            #expect(client.activeEndpoint.baseURL == sim.yarnEndpoints[1])
        }
    }

    @Test func unreachableRMIsSkipped() async throws {
        try await SimHarness.with(threeRMs()) { sim in
            await sim.failover(to: 1)
            await sim.apply(.rmUnreachable(index: 0))
            let client = try SimHarness.client(sim)
            let app = try #require(try await client.findApp(AppFilter(name: "Aggregator")))
            #expect(app.state == .running)
            #expect(client.activeEndpoint.baseURL == sim.yarnEndpoints[1])
        }
    }

    @Test func noActiveRMEndsInAReadableErrorAfterBoundedRounds() async throws {
        try await SimHarness.with(threeRMs()) { sim in
            await sim.apply(.noActiveRM)
            let client = try SimHarness.client(sim, retry: RMRetryPolicy(maxAttempts: 2, maxTotalSeconds: 30))
            let error = await #expect(throws: YARNError.self) { try await client.apps() }
            #expect(error?.code == .standbyNoActive)
            #expect(error?.description.contains("no active ResourceManager") == true)
            #expect(client.requestCount <= 12)
        }
    }

    @Test func singleEndpointFollowsNoRedirectButReportsTheStandby() async throws {
        try await SimHarness.with(threeRMs()) { sim in
            await sim.failover(to: 1)
            let client = try SimHarness.client(
                sim, endpoints: [sim.yarnEndpoints[0]],
                retry: RMRetryPolicy(maxAttempts: 1))
            let error = await #expect(throws: YARNError.self) { try await client.apps() }
            #expect(error?.code == .standbyNoActive)
        }
    }
}
