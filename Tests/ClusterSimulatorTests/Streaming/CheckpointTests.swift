import ClusterSimulator
import Foundation
import Testing
import YARN

/// Simulated Structured Streaming apps keep a real-layout checkpoint (in the simulator's S3 or HDFS),
/// written lazily from the virtual clock in step with the micro-batches their driver REST API reports, and
/// stop cleanly after the batch that sees their stop marker. Read over HTTP as a checkpoint reader would.
@Suite struct CheckpointTests {
    /// Virtual time stands still between requests (rate 0); micro-batches are 2 s long.
    static func frozen(_ faults: [Fault] = []) -> Scenario { .spark(faults, batchSeconds: 2) }

    @Test func batchesAppearAsOffsetsThenCommitsInStepWithTheDriver() async throws {
        try await withSimulator(Self.frozen(), rate: 0) { sim in
            let app = try await StreamingSimApp.start(sim, checkpoint: "s3://checkpoints/agg")
            let started = try await CheckpointView.s3(sim, bucket: "checkpoints", prefix: "agg")
            #expect(started.offsets == [0] && started.commits == [], "batch 0 starts at RUNNING: in flight")
            let metadata = try #require(started.metadata)
            #expect(metadata.hasPrefix("{\"id\":\"") && metadata.hasSuffix("\"}"))
            sim.clock.advance(by: 5)
            let progress = try await app.spark.progress()
            #expect(progress.completedBatches == 2)
            let later = try await CheckpointView.s3(sim, bucket: "checkpoints", prefix: "agg")
            #expect(later.commits == Array(0..<progress.completedBatches))
            #expect(later.offsets == Array(0...progress.completedBatches), "the running batch's offsets, no commit")
            let client = try TestClient()
            let offsets = text(try await client.s3(sim, "GET", "/checkpoints/agg/offsets/1")).split(separator: "\n")
            #expect(offsets.count == 3 && offsets[0] == "v1")
            #expect(offsets[1].hasPrefix("{\"batchWatermarkMs\":0,\"batchTimestampMs\":") && offsets[1].contains("\"conf\":{"))
            #expect(offsets[2] == "{\"events\":{\"0\":2400}}")
            #expect(text(try await client.s3(sim, "GET", "/checkpoints/agg/commits/1")) == "v1\n{\"nextBatchWatermarkMs\":0}")
            let sql = try await app.spark.sqlExecutions()
            let queryId = try #require(metadata.split(separator: "\"").dropFirst(3).first)
            #expect(sql.first?.description.contains("id = \(queryId)\n") == true, "the driver reports the checkpoint's query id")
        }
    }

    @Test func aKillMidBatchLeavesThatBatchInFlight() async throws {
        try await withSimulator(Self.frozen(), rate: 0) { sim in
            let app = try await StreamingSimApp.start(sim, checkpoint: "s3://checkpoints/agg")
            sim.clock.advance(by: 5)
            let kill = try await TestClient().yarn(
                sim.yarnEndpoints[0], "PUT", "/ws/v1/cluster/apps/\(app.appId)/state", body: #"{"state":"KILLED"}"#)
            #expect(kill.status == 202)
            sim.clock.advance(by: 30)
            #expect(try await app.rm.app(id: app.appId).state == .killed)
            let view = try await CheckpointView.s3(sim, bucket: "checkpoints", prefix: "agg")
            #expect(view.offsets == [0, 1, 2] && view.commits == [0, 1], "batch 2 in flight")
        }
    }

    @Test func aNewAppOnTheSameCheckpointContinuesAfterTheLastCommitWithTheSameQueryId() async throws {
        try await withSimulator(Self.frozen(), rate: 0) { sim in
            let first = try await StreamingSimApp.start(sim, checkpoint: "s3://checkpoints/agg")
            sim.clock.advance(by: 5)
            _ = try await TestClient().yarn(
                sim.yarnEndpoints[0], "PUT", "/ws/v1/cluster/apps/\(first.appId)/state", body: #"{"state":"KILLED"}"#)
            sim.clock.advance(by: 10)
            let before = try await CheckpointView.s3(sim, bucket: "checkpoints", prefix: "agg")
            let second = try await StreamingSimApp.start(
                sim, checkpoint: "s3://checkpoints/agg", jar: "s3://b/agg-2.jar", cluster: first.clusterId)
            sim.clock.advance(by: 3)
            let after = try await CheckpointView.s3(sim, bucket: "checkpoints", prefix: "agg")
            #expect(before.commits == [0, 1])
            #expect(after.commits == [0, 1, 2], "the replayed batch 2 is the new app's batch 0")
            #expect(after.offsets == [0, 1, 2, 3])
            #expect(after.metadata == before.metadata, "the query id lives in the checkpoint")
            let sql = try await second.spark.sqlExecutions()
            #expect(sql.first?.description.hasSuffix("\nbatch = 2") == true)
        }
    }

    @Test func aStopMarkerFinishesTheAppAfterTheCurrentBatchCommits() async throws {
        try await withSimulator(Self.frozen(), rate: 0) { sim in
            try await sim.createBucket("checkpoints")
            let app = try await StreamingSimApp.start(
                sim, checkpoint: "hdfs://namenode:8020/checkpoints/agg", marker: "s3://checkpoints/markers/agg.stop")
            sim.clock.advance(by: 5)  // batch 2 runs (4 s … 6 s)
            let put = try await TestClient().s3(sim, "PUT", "/checkpoints/markers/agg.stop", body: #"{"deploy_id":"d-1"}"#)
            #expect(put.status == 200)
            sim.clock.advance(by: 1.5)  // batch 2 committed at 6 s; the app ends at 7 s
            #expect(try await app.rm.app(id: app.appId).state == .running)
            let progress = try await app.spark.progress()
            #expect(progress.completedBatches == 3 && progress.runningJobs == 0, "no batch after the one that saw the marker")
            sim.clock.advance(by: 1)
            let ended = try await app.rm.app(id: app.appId)
            #expect(ended.state == .finished && ended.finalStatus == .succeeded)
            let step = try await TestClient().emr(sim, "DescribeStep", #"{"ClusterId":"\#(app.clusterId)","StepId":"\#(app.stepId)"}"#)
            #expect(text(step).contains("\"State\":\"COMPLETED\""))
            sim.clock.advance(by: 30)
            let view = try await CheckpointView.webHDFS(sim.yarnEndpoints[0], path: "/checkpoints/agg")
            #expect(view.offsets == [0, 1, 2] && view.commits == [0, 1, 2], "last offsets == last commit")
        }
    }

    @Test func aLocalStopMarkerCountsToo() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sim-marker-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try await withSimulator(Self.frozen(), rate: 0) { sim in
            let app = try await StreamingSimApp.start(
                sim, checkpoint: "file://\(dir.path)/cp", marker: "file://\(dir.path)/agg.stop")
            sim.clock.advance(by: 1)
            try Data("{}".utf8).write(to: dir.appendingPathComponent("agg.stop"))
            sim.clock.advance(by: 5)
            #expect(try await app.rm.app(id: app.appId).state == .finished)
            let commits = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("cp/commits").path)
            #expect(commits == ["0"])
        }
    }

    @Test func markerIgnoredNeverFinishes() async throws {
        let scenario = try Scenario.named("marker-ignored", parameters: ["jar": "s3://b/agg-1.jar"])
        try await withSimulator(scenario, rate: 0) { sim in
            let app = try await StreamingSimApp.start(
                sim, checkpoint: "s3://checkpoints/agg", marker: "s3://checkpoints/markers/agg.stop")
            _ = try await TestClient().s3(sim, "PUT", "/checkpoints/markers/agg.stop", body: "{}")
            sim.clock.advance(by: 30)
            #expect(try await app.rm.app(id: app.appId).state == .running)
            let view = try await CheckpointView.s3(sim, bucket: "checkpoints", prefix: "agg")
            #expect(view.commits.count == 15 && view.offsets.count == 16)
        }
    }

    @Test func checkpointIncompatibleFailsWithTheStateSchemaError() async throws {
        let scenario = try Scenario.named("checkpoint-incompatible", parameters: ["jar": "s3://b/agg-2.jar"])
        try await withSimulator(scenario, rate: 0) { sim in
            try await sim.seedCheckpoint("s3://checkpoints/agg", committedBatches: 5)
            let app = try await StreamingSimApp.start(sim, checkpoint: "s3://checkpoints/agg", jar: "s3://b/agg-2.jar")
            #expect(try await app.rm.app(id: app.appId).state == .running)
            sim.clock.advance(by: 6)
            let ended = try await app.rm.app(id: app.appId)
            #expect(ended.state == .failed)
            let attempts = try await TestClient().yarn(sim.yarnEndpoints[0], "GET", "/ws/v1/cluster/apps/\(app.appId)/appattempts")
            #expect(text(attempts).components(separatedBy: "\"appAttemptId\"").count == 2, "one attempt")
            let logs = try await TestClient().yarn(
                sim.yarnEndpoints[0], "GET",
                "/ws/v1/node/containerlogs/\(app.appId.replacingOccurrences(of: "application_", with: "container_"))_01_000001/stderr")
            #expect(
                text(logs).hasSuffix(
                    "org.apache.spark.sql.execution.streaming.state.StateSchemaNotCompatible: Provided schema doesn't match to the "
                        + "schema for existing state! Please note that Spark allow difference of field name: check count of fields "
                        + "and data type of each field.\n"))
            let step = text(
                try await TestClient().emr(sim, "DescribeStep", #"{"ClusterId":"\#(app.clusterId)","StepId":"\#(app.stepId)"}"#))
            #expect(step.contains("\"State\":\"FAILED\"") && step.contains("StreamingQueryException"))
            let view = try await CheckpointView.s3(sim, bucket: "checkpoints", prefix: "agg")
            #expect(view.offsets == [0, 1, 2, 3, 4] && view.commits == [0, 1, 2, 3, 4], "nothing written")
            // Another build runs normally on the same checkpoint, continuing at 5.
            let previous = try await StreamingSimApp.start(
                sim, checkpoint: "s3://checkpoints/agg", jar: "s3://b/agg-1.jar", cluster: app.clusterId)
            sim.clock.advance(by: 1)
            #expect(try await previous.rm.app(id: previous.appId).state == .running)
            #expect(try await CheckpointView.s3(sim, bucket: "checkpoints", prefix: "agg").offsets.last == 5)
        }
    }
}
