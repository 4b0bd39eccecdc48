import Foundation

/// The conf keys a streaming build carries (`spark-submit --conf key=value`).
public enum StreamingConf {
    /// Where the build checkpoints (a storage URI).
    public static let checkpointLocation = "spark.sql.streaming.checkpointLocation"
    /// The stop marker the build polls (a storage URI): present = stop after the current batch commits.
    public static let stopMarker = "spark.sparkdeploy.stopMarker"
}

/// Files in the places simulated streaming apps use: `s3://bucket/key` (the simulator's S3),
/// `hdfs://host[:port]/path` (its HDFS) and `file:///abs/path` (the local filesystem).
extension Simulator {
    /// The bytes of the file at `uri`, nil when there is none.
    /// - Throws: ``SimulatorError`` when `uri` is not an `s3://`, `hdfs://` or `file://` URI.
    public func readFile(_ uri: String) async throws -> [UInt8]? {
        let location = try Self.location(uri, operation: "readFile")
        return engine.withState { core, _ in core.storageRead(location) }
    }

    /// Writes `bytes` to `uri` (an S3 bucket is created if missing; HDFS and local parents too).
    /// - Throws: ``SimulatorError`` when `uri` is not an `s3://`, `hdfs://` or `file://` URI.
    public func writeFile(_ uri: String, _ bytes: [UInt8]) async throws {
        let location = try Self.location(uri, operation: "writeFile")
        engine.withState { core, now in core.storageWrite(location, bytes, at: now) }
    }

    /// The names of the files directly inside `uri` (a directory or key prefix), sorted.
    /// - Throws: ``SimulatorError`` when `uri` is not an `s3://`, `hdfs://` or `file://` URI.
    public func fileNames(in uri: String) async throws -> [String] {
        let location = try Self.location(uri, operation: "fileNames")
        return engine.withState { core, _ in core.storageFileNames(in: location).sorted() }
    }

    /// Pre-populates the checkpoint at `uri` as a build that ran before would have left it: `metadata`,
    /// `sources/0/0`, and batches `0..<committedBatches` in `offsets/` and `commits/` (one batch length apart,
    /// ending now), so an app started on it continues at batch `committedBatches`.
    /// - Throws: ``SimulatorError`` when `uri` is not an `s3://`, `hdfs://` or `file://` URI.
    public func seedCheckpoint(_ uri: String, committedBatches: Int) async throws {
        let location = try Self.location(uri, operation: "seedCheckpoint")
        engine.withState { core, now in
            let batchSeconds = core.model.scenario.sparkBatchSeconds
            let id = SparkDriverModel.uuid(location.uri + "/query")
            core.storageWrite(location.appending("metadata"), Array(CheckpointFiles.metadata(queryId: id).utf8), at: now)
            core.storageWrite(location.appending("sources/0/0"), Array(CheckpointFiles.initialSourceOffsets.utf8), at: now)
            core.storageMakeDirectory(location.appending("state/0"), at: now)
            for n in 0..<max(0, committedBatches) {
                let started = now - Double(committedBatches - n) * batchSeconds
                core.storageWrite(
                    location.appending("offsets/\(n)"), Array(CheckpointFiles.offsets(batch: n, timestamp: started).utf8),
                    at: started)
                core.storageWrite(location.appending("commits/\(n)"), Array(CheckpointFiles.commit.utf8), at: started + batchSeconds)
            }
        }
    }

    private static func location(_ uri: String, operation: String) throws -> StorageLocation {
        guard let location = StorageLocation(uri) else {
            throw SimulatorError(
                operation: operation, reason: "'\(uri)' is not an s3://bucket/key, hdfs://host/path or file:///path URI")
        }
        return location
    }
}
