import AWSCore
import Checkpoint
import Foundation
import HTTPTransport
import Logging
import S3
import TestSupport
import Testing

/// The reader against a checkpoint written by a real Spark 4 driver (PyPI `pyspark`, ``SparkDriver``'s
/// second query): read live over `file://` while it runs, then drained through its stop marker, then the
/// same checkpoint uploaded to moto's S3 and read over `s3://`. The peers are required: a missing pyspark,
/// Java or moto fails these tests.
struct RealSparkCheckpointTests {
    /// What the one drain of the process's driver showed.
    struct Drained: Sendable {
        var driver: SparkDriver
        var location: StorageURI
        var whileRunning: [CheckpointState]
        var afterStop: CheckpointState
        var stoppedAtBatch: String
    }

    /// Reads the running query's checkpoint until its commits grow, writes the stop marker, waits for the
    /// query to stop, and reads it again. Shared by the tests (the query stops once per process).
    static let drained = Task { () async throws -> Drained in
        try Peers.require(.pyspark)
        let driver = try await SparkDriver.shared()
        let location = try StorageURI(parsing: "file://" + driver.checkpointPath)
        let reader = CheckpointReader(storage: LocalStorage())
        var seen: [CheckpointState] = [try await reader.read(location)]
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let state = try await reader.read(location)
            if (state.latestCommit ?? -1) > (seen[0].latestCommit ?? -1) + 1 {
                seen.append(state)
                break
            }
            try await Task.sleep(nanoseconds: 200_000_000)
        }
        let marker = try StorageURI(parsing: "file://" + driver.stopMarkerPath)
        try await LocalStorage().write(marker, Array(#"{"deploy_id":"test","app":"sparkdeploy_checkpointed"}"#.utf8))
        let stopped = driver.stopMarkerPath + ".stopped"
        while !FileManager.default.fileExists(atPath: stopped) && Date() < deadline.addingTimeInterval(60) {
            try await Task.sleep(nanoseconds: 200_000_000)
        }
        let lines = ((try? String(contentsOfFile: stopped, encoding: .utf8)) ?? "").split(separator: "\n")
        return Drained(
            driver: driver, location: location, whileRunning: seen, afterStop: try await reader.read(location),
            stoppedAtBatch: lines.count > 1 ? String(lines[1]) : "(the query did not stop within 2 minutes)")
    }

    @Test func readsARealSparkCheckpointAndItsGracefulStop() async throws {
        let drained = try await Self.drained.value
        #expect(drained.whileRunning.count == 2, "commits grow while the query runs: \(drained.whileRunning.map(\.latestCommit))")
        for state in drained.whileRunning {
            #expect(state.exists && state.queryID == drained.driver.checkpointQueryID)
            #expect((state.latestOffsets?.batchTimestampMs ?? 0) > 1_700_000_000_000)
            #expect(state.latestOffsets?.sources.count == 1, "one rate source")
        }
        let after = drained.afterStop
        #expect(after.queryID == drained.driver.checkpointQueryID, "metadata holds the real query id")
        #expect(
            !after.inFlight,
            "a graceful stop leaves no batch in flight: offsets \(String(describing: after.latestOffset)), commits \(String(describing: after.latestCommit))"
        )
        #expect(after.latestCommit.map(String.init) == drained.stoppedAtBatch, "the last commit is the batch the query stopped after")
        #expect((after.latestCommit ?? -1) >= (drained.whileRunning.last?.latestCommit ?? 0))
    }

    @Test func readsTheSameCheckpointFromS3() async throws {
        let drained = try await Self.drained.value
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let client = S3Client(
            configuration: S3Configuration(region: "us-east-1", endpoint: moto.endpoint, addressing: .path, requestTimeout: 10),
            credentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing-secret")),
            transport: try HTTPTransport(configuration: TransportConfiguration(connectTimeout: 2, requestTimeout: 10)))
        let logger = Logger(label: "test")
        try await client.createBucket("streaming", logger: logger)
        // Upload every file of the real checkpoint (Spark's .crc files included) under s3://streaming/cp/orders.
        let root = URL(fileURLWithPath: drained.driver.checkpointPath)
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        var uploaded = 0
        while let url = enumerator?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            try await client.putObject(
                bucket: "streaming", key: "cp/orders/" + relative, body: Array(try Data(contentsOf: url)), logger: logger)
            uploaded += 1
        }
        #expect(uploaded > 4)
        let storage = S3Storage(client: client, logger: logger)
        let location = try StorageURI(parsing: "s3://streaming/cp/orders")
        let state = try await CheckpointReader(storage: storage).read(location)
        var local = drained.afterStop
        local.location = location
        #expect(state == local, "S3 and file:// read the same checkpoint the same way")
        #expect(state.queryID == drained.driver.checkpointQueryID && !state.inFlight)

        // Snapshot beside it, let a "new build" commit two more batches, restore: back to the old build's last commit.
        let snapshots = CheckpointSnapshots(storage: storage)
        let summary = try await snapshots.snapshot(location, id: "before-v2")
        #expect(summary.location.description == "s3://streaming/cp/orders.sparkdeploy-snapshots/before-v2")
        let next = (state.latestCommit ?? 0) + 1
        for batch in next...(next + 1) {
            try await storage.write(location.appending("offsets/\(batch)"), Array(CheckpointFixture.offsets(batch).utf8))
            try await storage.write(location.appending("commits/\(batch)"), Array(CheckpointFixture.commit.utf8))
        }
        #expect(try await CheckpointReader(storage: storage).read(location).latestCommit == next + 1)
        let restored = try await snapshots.restore(location, id: "before-v2")
        #expect(restored.removedCommits == [next, next + 1] && restored.removedOffsets == [next, next + 1])
        #expect(try await CheckpointReader(storage: storage).read(location) == state)
    }
}
