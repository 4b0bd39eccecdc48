import ClusterSimulator
import Foundation
import TestSupport
import Testing

/// Cross-checks with real third-party clients (aws CLI, boto3, yarn-api-client, pylivy) run as subprocesses.
@Suite(.serialized) struct PeerTests {
    static let peers = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Peers")

    /// Runs `argv` with a clean AWS environment without blocking a Swift-concurrency thread (the simulator
    /// answering the subprocess runs on that pool); returns (exit status, combined output).
    static func run(_ argv: [String]) async throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = argv
        var env = ProcessInfo.processInfo.environment
        env["AWS_ACCESS_KEY_ID"] = "test"
        env["AWS_SECRET_ACCESS_KEY"] = "test"
        env["AWS_CONFIG_FILE"] = "/dev/null"
        env["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
        env["NO_PROXY"] = "127.0.0.1,localhost"
        process.environment = env
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("peer-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        let handle = try FileHandle(forWritingTo: out)
        defer { try? FileManager.default.removeItem(at: out) }
        process.standardOutput = handle
        process.standardError = handle
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { p in continuation.resume(returning: p.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        try? handle.close()
        let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        return (status, text)
    }

    @Test(.enabled(if: Peers.shouldRun(.awscli), "aws CLI not installed"))
    func awsCLIDrivesTheStepLifecycle() async throws {
        try Peers.require(.awscli)
        try await withSimulator { sim in
            let cluster = await sim.snapshot().clusters[0].id
            let script = Self.peers.appendingPathComponent("aws_cli_peer.sh").path
            let (status, output) = try await Self.run(["AWS_CLI=\(Peers.aws)", "sh", script, sim.emrEndpoint, cluster])
            #expect(status == 0, "\(output)")
            let snap = await sim.snapshot()
            #expect(snap.steps.last?.name == "Aggregator")
            #expect(snap.steps.last?.state == "CANCEL_PENDING" || snap.steps.last?.state == "CANCELLED")
            #expect(snap.clusters[0].state == "TERMINATING")
            let counts = await sim.requestCounts()
            #expect(counts["EMR.AddJobFlowSteps"] == 1 && counts["EMR.CancelSteps"] == 1)
        }
    }

    @Test(.enabled(if: Peers.shouldRun(.boto3), "boto3 not installed"))
    func boto3PaginatesListSteps() async throws {
        try Peers.require(.boto3)
        try await withSimulator { sim in
            let cluster = await sim.createCluster(name: "many-steps")
            let client = try TestClient()
            let steps = (0..<120).map { #"{"Name":"s\#($0)","ActionOnFailure":"CONTINUE","HadoopJarStep":{"Jar":"s3://b/x.jar"}}"# }
            _ = try await client.emr(sim, "AddJobFlowSteps", #"{"JobFlowId":"\#(cluster)","Steps":[\#(steps.joined(separator: ","))]}"#)
            let script = Self.peers.appendingPathComponent("emr_boto3_paginate.py").path
            let (status, output) = try await Self.run([Peers.python, script, sim.emrEndpoint, cluster, "120"])
            #expect(status == 0, "\(output)")
            #expect(output.contains("OK pages=3"))
        }
    }

    @Test(.enabled(if: Peers.shouldRun(.yarnAPIClient), "yarn-api-client not installed"))
    func yarnAPIClientListsFiltersAndKillsThroughHA() async throws {
        try Peers.require(.yarnAPIClient)
        var scenario = try Scenario.named("rm-failover")
        scenario.delays.kill = 0.3
        scenario.faults = []
        try await withSimulator(scenario) { sim in
            await sim.failover(to: 1)
            let script = Self.peers.appendingPathComponent("yarn_api_client_peer.py").path
            let (status, output) = try await Self.run([Peers.python, script, sim.yarnEndpoints[0], sim.yarnEndpoints[1]])
            #expect(status == 0, "\(output)")
            let snap = await sim.snapshot()
            #expect(snap.apps[0].state == "KILLED")
            #expect(snap.steps[0].state == "FAILED")
            let counts = await sim.requestCounts()
            #expect((counts["YARN.PUT /ws/v1/cluster/apps/{appid}/state"] ?? 0) >= 2)
        }
    }

    @Test(.enabled(if: Peers.shouldRun(.livy), "livy (pylivy) not installed"))
    func pylivySubmitsPollsAndDeletesABatch() async throws {
        try Peers.require(.livy)
        var scenario = Scenario.standard
        scenario.delays.kill = 0.5
        try await withSimulator(scenario, rate: 20) { sim in
            let script = Self.peers.appendingPathComponent("livy_peer.py").path
            let (status, output) = try await Self.run([Peers.python, script, sim.livyEndpoint])
            #expect(status == 0, "\(output)")
            let words = output.split(whereSeparator: \.isWhitespace).map(String.init)
            let ok = try #require(words.firstIndex(of: "OK"), "\(output)")
            let appId = words.count > ok + 2 ? words[ok + 2] : ""
            sim.clock.advance(by: 5)
            let app = await sim.snapshot().apps.first { $0.id == appId }
            #expect(app?.name == "pylivy-peer-1")
            #expect(app?.state == "KILLED", "Livy's DELETE kills the YARN app")
            #expect(app?.tags.contains("pylivy") == true)
            let counts = await sim.requestCounts()
            #expect(counts["LIVY.POST /batches"] == 2 && counts["LIVY.DELETE /batches/{id}"] == 1)
        }
    }
}
