import ClusterSimulator
import Foundation
import TestSupport
import Testing
import YARN

/// Cross-checks the Swift client against the PyPI `yarn-api-client` on the same simulator state.
@Suite struct PeerClientTests {
    struct PeerAnswer: Decodable {
        var ids: [String]?
        var error: String?
    }

    /// Runs `Peers/list_apps.py` as a subprocess and returns the ids it saw.
    static func peerIDs(endpoints: [String], filter: [String: Any]) throws -> [String] {
        try Peers.require(.yarnAPIClient)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Peers/list_apps.py").path
        let request = try JSONSerialization.data(withJSONObject: ["endpoints": endpoints, "filter": filter])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [Peers.python, script, String(decoding: request, as: UTF8.self)]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let answer = try JSONDecoder().decode(PeerAnswer.self, from: data)
        if let error = answer.error { Issue.record("peer failed: \(error)") }
        return try #require(answer.ids, "peer printed \(String(decoding: data, as: UTF8.self))")
    }

    @Test func bothClientsSeeTheSameAppsForTheSameFilters() async throws {
        try await SimHarness.with(try SimHarness.scenario("streaming-running")) { sim in
            let cluster = await sim.createCluster(name: "batch", stepConcurrencyLevel: 4)
            let a = try await sim.startStreamingJob(
                clusterId: cluster, name: "Enricher", jar: "s3://b/e.jar", mainClass: "E",
                tags: ["team-b"])
            _ = try await sim.startStreamingJob(
                clusterId: cluster, name: "Loader", jar: "s3://b/l.jar", mainClass: "L",
                tags: ["team-b", "nightly"])
            let client = try SimHarness.client(sim)
            _ = try await client.kill(appId: a.appId, timeout: 60)
            let startMillis = Int64((sim.clock.now() - 3600) * 1000)

            let cases: [(AppFilter, [String: Any])] = [
                (AppFilter(), [:]),
                (AppFilter(states: [.running]), ["states": ["RUNNING"]]),
                (AppFilter(states: [.killed], finalStatus: .killed), ["states": ["KILLED"], "final_status": "KILLED"]),
                (AppFilter(name: "Aggregator"), ["name": "Aggregator"]),
                (AppFilter(applicationTags: ["TEAM-B"]), ["application_tags": ["team-b"]]),
                (
                    AppFilter(applicationTypes: ["SPARK"], applicationTags: ["nightly", "aggregator"]),
                    ["application_types": ["SPARK"], "application_tags": ["nightly", "aggregator"]]
                ),
                (AppFilter(startedTimeBegin: startMillis), ["started_time_begin": String(startMillis)]),
            ]
            for (filter, peerFilter) in cases {
                let ours = try await client.apps(filter).map(\.id).sorted()
                let theirs = try Self.peerIDs(endpoints: sim.yarnEndpoints, filter: peerFilter)
                #expect(ours == theirs, "filter \(peerFilter)")
                #expect(!ours.isEmpty, "filter \(peerFilter) should match something")
            }
        }
    }
}
