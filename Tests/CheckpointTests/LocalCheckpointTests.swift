import Checkpoint
import Foundation
import Testing

/// The reader, snapshots and markers over `file://`, on checkpoints laid out as Spark writes them, and on
/// garbled ones.
struct LocalCheckpointTests {
    let reader = CheckpointReader(storage: LocalStorage())

    @Test func readsLatestBatchesIgnoringTempAndChecksumFiles() async throws {
        let location = try CheckpointFixture.local(CheckpointFixture.files(offsets: 12, commits: 11))
        let state = try await reader.read(location)
        #expect(state.exists && state.queryID == CheckpointFixture.queryID)
        #expect(state.latestOffset == 12 && state.latestCommit == 11 && state.inFlight)
        #expect(state.offsetCount == 13 && state.commitCount == 12)
        #expect(state.latestOffsets?.sources == [#"{"logOffset":120}"#, "-"])
        #expect(state.latestOffsets?.batchTimestampMs == 1_700_000_012_000)
    }

    @Test func committedCheckpointHasNoBatchInFlight() async throws {
        let state = try await reader.read(try CheckpointFixture.local(CheckpointFixture.files(offsets: 4, commits: 4)))
        #expect(state.latestCommit == 4 && !state.inFlight)
    }

    @Test func missingCheckpointIsNotAnError() async throws {
        let state = try await reader.read(try StorageURI(parsing: "file:///tmp/sd-no-such-\(UUID().uuidString)/cp"))
        #expect(!state.exists && state.queryID == nil && state.latestOffset == nil && !state.inFlight)
    }

    @Test(arguments: [
        ("offsets/3", "v1\n{\"batchWatermarkMs\":0,\"batchTim", "offsets/3 is garbled: line 2 (batch metadata) is not JSON"),
        ("offsets/3", "{\"logOffset\":1}", "offsets/3 is garbled: line 1"),
        ("offsets/3", "v1\n{\"batchWatermarkMs\":0}\n-", "no numeric batchTimestampMs"),
        ("offsets/3", "v1\n{\"batchTimestampMs\":1}\n{\"events\":{\"0\":", "line 3 (source 0) is neither JSON nor '-'"),
        ("metadata", "{\"id\":\"5bf2f4", "metadata is garbled: not a JSON object"),
        ("metadata", "{\"name\":\"q\"}", "metadata is garbled: no \"id\" string"),
        ("commits/2", "garbage", "commits/2 is garbled"),
    ])
    func garbledFileIsAnErrorNamingIt(file: String, text: String, problem: String) async throws {
        var files = CheckpointFixture.files(offsets: 3, commits: 2)
        files[file] = text
        let location = try CheckpointFixture.local(files)
        await #expect {
            try await reader.read(location)
        } throws: { error in
            guard let error = error as? CheckpointError else { return false }
            return error.kind == .garbled && error.message.contains(location.appending(file).description)
                && error.message.contains(problem)
        }
    }

    @Test func snapshotThenRestoreRewindsToTheSnapshot() async throws {
        let location = try CheckpointFixture.local(CheckpointFixture.files(offsets: 5, commits: 4))
        let snapshots = CheckpointSnapshots(storage: LocalStorage())
        let summary = try await snapshots.snapshot(location, id: "deploy-1")
        #expect(summary.offsets == 6 && summary.commits == 5 && summary.latestCommit == 4)
        #expect(summary.location.description == location.description + ".sparkdeploy-snapshots/deploy-1")
        // The new build commits 5 and 6 and starts 7.
        let storage = LocalStorage()
        for batch in 5...7 { try await storage.write(location.appending("offsets/\(batch)"), Array(CheckpointFixture.offsets(batch).utf8)) }
        for batch in 5...6 { try await storage.write(location.appending("commits/\(batch)"), Array(CheckpointFixture.commit.utf8)) }
        let restored = try await snapshots.restore(location, id: "deploy-1")
        #expect(restored.removedOffsets == [6, 7] && restored.removedCommits == [5, 6])
        let state = try await reader.read(location)
        #expect(state.latestOffset == 5 && state.latestCommit == 4 && state.inFlight)
        #expect(state.latestOffsets?.sources == [#"{"logOffset":50}"#, "-"], "the snapshot's offsets/5, not the new build's")
        await #expect(throws: CheckpointError.self) { try await snapshots.restore(location, id: "no-such") }
    }

    @Test func markerWriteExistsRemove() async throws {
        let location = try CheckpointFixture.local(["metadata": "{\"id\":\"q\"}"]).sibling(suffix: "-stop")
        let storage = LocalStorage()
        #expect(try await !storage.exists(location))
        try await storage.write(location, Array("{\"deploy_id\":\"d1\"}".utf8))
        #expect(try await storage.exists(location))
        #expect(try await storage.delete(location))
        #expect(try await !storage.delete(location), "removing twice is fine")
    }
}
