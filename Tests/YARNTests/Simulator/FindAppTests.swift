import ClusterSimulator
import Testing
import YARN

@Suite struct FindAppTests {
    @Test func findByNameWithDuplicatesRefusesAndNamesEveryMatch() async throws {
        try await SimHarness.with { sim in
            let cluster = await sim.createCluster(name: "dup", stepConcurrencyLevel: 3)
            let first = try await sim.startStreamingJob(clusterId: cluster, name: "Twin", jar: "s3://b/a.jar", mainClass: "A")
            let second = try await sim.startStreamingJob(clusterId: cluster, name: "Twin", jar: "s3://b/a.jar", mainClass: "A")
            _ = try await sim.startStreamingJob(clusterId: cluster, name: "Single", jar: "s3://b/a.jar", mainClass: "A")
            let client = try SimHarness.client(sim)
            let error = await #expect(throws: YARNError.self) {
                try await client.findApp(AppFilter(states: [.accepted, .running], name: "Twin"))
            }
            #expect(error?.code == .ambiguous)
            #expect(error?.message.contains(first.appId) == true && error?.message.contains(second.appId) == true)
            #expect(error?.message.contains("RUNNING") == true)
            let single = try await client.findApp(AppFilter(states: [.running], name: "Single"))
            #expect(single?.name == "Single")
            #expect(try await client.findApp(AppFilter(name: "Nobody")) == nil)
            #expect(try await client.findApp(AppFilter(name: "twin")) == nil, "names are exact and case-sensitive")
        }
    }

    @Test func hadoop2StillFindsAppsByNameClientSide() async throws {
        try await SimHarness.with(try SimHarness.scenario("hadoop2-legacy")) { sim in
            let other = await sim.createCluster(name: "other", releaseLabel: "emr-5.27.0")
            _ = try await sim.startStreamingJob(clusterId: other, name: "Enricher", jar: "s3://b/e.jar", mainClass: "E")
            let client = try SimHarness.client(sim)
            let info = try await client.clusterInfo()
            #expect(info.version?.major == 2)
            // The 2.x RM ignores `name`: it returns every app, and the client keeps only the match.
            let everything = try await client.apps()
            #expect(everything.count >= 2)
            let found = try #require(try await client.findApp(AppFilter(states: [.running], name: "Aggregator")))
            #expect(found.name == "Aggregator")
            #expect(try await client.apps(AppFilter(name: "Enricher")).map(\.name) == ["Enricher"])
            // 2.x says {"apps":null} for an empty list.
            #expect(try await client.apps(AppFilter(states: [.failed])).isEmpty)
        }
    }

    @Test func tagsAreMatchedCaseInsensitively() async throws {
        try await SimHarness.with(try SimHarness.scenario("streaming-running")) { sim in
            let client = try SimHarness.client(sim)
            let app = try #require(try await client.findApp(AppFilter(applicationTags: ["AGGREGATOR"])))
            #expect(app.applicationTags.contains("aggregator"))
            #expect(try await client.findApp(AppFilter(applicationTags: ["nope"])) == nil)
        }
    }
}
