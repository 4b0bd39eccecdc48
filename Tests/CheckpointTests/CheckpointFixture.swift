import Checkpoint
import Foundation

/// A checkpoint laid out as Spark writes it (metadata, offsets/N, commits/N, with Spark's `.N.crc` and
/// `.N.<uuid>.tmp` litter), as relative path → text.
enum CheckpointFixture {
    static let queryID = "5bf2f40d-a756-4aa9-a70c-afe088898319"

    static func offsets(_ batch: Int, sources: [String] = [#"{"logOffset":41}"#]) -> String {
        "v1\n"
            + #"{"batchWatermarkMs":0,"batchTimestampMs":\#(1_700_000_000_000 + batch * 1000),"conf":{"spark.sql.shuffle.partitions":"1"}}"#
            + "\n" + sources.joined(separator: "\n")
    }

    static let commit = "v1\n{\"nextBatchWatermarkMs\":0}"

    /// Batches `0...offsets` planned and `0...commits` committed (commits < offsets: a batch in flight).
    static func files(offsets last: Int, commits lastCommit: Int) -> [String: String] {
        var files: [String: String] = ["metadata": #"{"id":"\#(queryID)"}"#, ".metadata.crc": "crc", "sources/0/0": "v1\n0"]
        for batch in 0...last {
            files["offsets/\(batch)"] = offsets(batch, sources: [#"{"logOffset":\#(batch * 10)}"#, "-"])
            files["offsets/.\(batch).crc"] = "crc"
        }
        for batch in 0...max(0, lastCommit) where lastCommit >= 0 {
            files["commits/\(batch)"] = commit
        }
        // Spark's litter: a temp file of a batch being written and a checksum, both newer than any batch.
        files["offsets/.\(last + 50).9b2c.tmp"] = "v1\n{garbage"
        files["commits/.\(last + 60).crc"] = "crc"
        return files
    }

    /// Writes `files` under a fresh temporary directory and returns its `file://` location.
    static func local(_ files: [String: String]) throws -> StorageURI {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sd-cp-\(UUID().uuidString)/checkpoint")
        for (name, text) in files {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return try StorageURI(parsing: "file://" + root.path)
    }
}
