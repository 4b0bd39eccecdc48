import Foundation

/// A streaming Spark app's checkpoint and stop marker (its step's `--conf`s), and how far its current
/// attempt has written. ``CoreState/advance(to:)`` moves it along the micro-batches ``SparkDriverModel``
/// reports: batch `k` of an attempt writes `offsets/<B+k>` when it starts and `commits/<B+k>` when it ends,
/// `B` being one past the checkpoint's latest commit when the attempt reached RUNNING.
struct StreamingCheckpoint: Sendable {
    /// `spark.sql.streaming.checkpointLocation` as given, when it names a usable location.
    var checkpointURI: String?
    /// Where the checkpoint lives.
    var checkpoint: StorageLocation?
    /// `spark.sparkdeploy.stopMarker` as given, when it names a usable location.
    var stopMarkerURI: String?
    /// Where the stop marker is looked for.
    var stopMarker: StorageLocation?
    /// The attempt the progress below belongs to; nil until an attempt reached RUNNING.
    var attempt: Int?
    /// `B`: the checkpoint batch number of the attempt's micro-batch 0.
    var firstBatch = 0
    /// The query id (the checkpoint's `metadata`), once the attempt started.
    var queryId: String?
    /// Writes done in this attempt: event `2k` is batch `k`'s offsets, `2k + 1` its commit.
    var eventsDone = 0
    /// The attempt's micro-batch after whose commit the query saw the stop marker and stopped.
    var stoppedAfter: Int?

    /// Reads the two confs; nil when neither names a location the simulator can serve.
    init?(checkpoint: String?, stopMarker: String?) {
        let location = checkpoint.flatMap(StorageLocation.init)
        let marker = stopMarker.flatMap(StorageLocation.init)
        guard location != nil || marker != nil else { return nil }
        self.checkpointURI = location == nil ? nil : checkpoint
        self.checkpoint = location
        self.stopMarkerURI = marker == nil ? nil : stopMarker
        self.stopMarker = marker
    }

    /// The checkpoint batch number of micro-batch `k` of the attempt.
    func batchNumber(_ k: Int) -> Int { firstBatch + k }
}

/// The files of a Spark Structured Streaming checkpoint, byte for byte as Spark writes them (no trailing
/// newline): `metadata`, `offsets/<N>`, `commits/<N>`, and the source's initial offsets in `sources/0/0`.
enum CheckpointFiles {
    /// Batches kept in `offsets/` and `commits/` (`spark.sql.streaming.minBatchesToRetain`).
    static let retainedBatches = 100

    /// `metadata`: the query id.
    static func metadata(queryId: String) -> String { "{\"id\":\"\(queryId)\"}" }

    /// `offsets/<batch>`: version, batch metadata (timestamp in ms), then the Kafka source's offsets.
    static func offsets(batch: Int, timestamp: Double) -> String {
        let conf =
            "{\"spark.sql.streaming.stateStore.providerClass\":\"org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider\","
            + "\"spark.sql.streaming.join.stateFormatVersion\":\"2\",\"spark.sql.streaming.stateStore.compression.codec\":\"lz4\","
            + "\"spark.sql.streaming.multipleWatermarkPolicy\":\"min\",\"spark.sql.shuffle.partitions\":\"200\"}"
        let ms = Int64((timestamp * 1000).rounded(.down))
        return "v1\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":\(ms),\"conf\":\(conf)}\n{\"events\":{\"0\":\(sourceOffset(batch))}}"
    }

    /// `commits/<batch>`.
    static let commit = "v1\n{\"nextBatchWatermarkMs\":0}"

    /// `sources/0/0`: where the Kafka source started.
    static let initialSourceOffsets = "v1\n{\"events\":{\"0\":0}}"

    /// The Kafka offset the source has read up to by the end of `batch` (1,200 records a batch).
    static func sourceOffset(_ batch: Int) -> Int { 1200 * (batch + 1) }

    /// The highest batch number among `names` (files of `offsets/` or `commits/`), ignoring temp and CRC
    /// files (names starting with `.`) and anything not a number.
    static func latestBatch(_ names: [String]) -> Int? {
        names.filter { !$0.hasPrefix(".") }.compactMap { Int($0) }.max()
    }

    /// The query id in a `metadata` file, nil when it has none.
    static func queryId(inMetadata bytes: [UInt8]) -> String? {
        guard let json = JSONValue.parse(Data(bytes)), case let .string(id)? = json["id"] else { return nil }
        return id
    }
}
