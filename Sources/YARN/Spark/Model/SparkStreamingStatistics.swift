import Foundation

/// A DStreams application's statistics (`GET …/streaming/statistics`, `StreamingContext` only).
public struct SparkStreamingStatistics: Sendable, Equatable, Decodable {
    /// When the streaming context started.
    public var startTime: Date?
    /// The batch interval, in milliseconds.
    public var batchDuration: Int
    /// Batches completed since the start.
    public var numTotalCompletedBatches: Int
    /// Batches queued or running.
    public var numActiveBatches: Int
    /// Receivers running.
    public var numActiveReceivers: Int
    /// Records processed since the start.
    public var numProcessedRecords: Int
    /// Mean processing time of the retained batches, in milliseconds.
    public var avgProcessingTime: Double?
    /// Mean scheduling delay (time queued) of the retained batches, in milliseconds.
    public var avgSchedulingDelay: Double?
    /// Mean total delay of the retained batches, in milliseconds.
    public var avgTotalDelay: Double?

    private enum CodingKeys: String, CodingKey {
        case startTime, batchDuration, numTotalCompletedBatches, numActiveBatches, numActiveReceivers
        case numProcessedRecords, avgProcessingTime, avgSchedulingDelay, avgTotalDelay
    }

    /// Decodes the statistics; only `numTotalCompletedBatches` is required.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        numTotalCompletedBatches = try c.decode(Int.self, forKey: .numTotalCompletedBatches)
        startTime = try SparkTimestamp.decode(c, .startTime)
        batchDuration = try c.decodeIfPresent(Int.self, forKey: .batchDuration) ?? 0
        numActiveBatches = try c.decodeIfPresent(Int.self, forKey: .numActiveBatches) ?? 0
        numActiveReceivers = try c.decodeIfPresent(Int.self, forKey: .numActiveReceivers) ?? 0
        numProcessedRecords = try c.decodeIfPresent(Int.self, forKey: .numProcessedRecords) ?? 0
        avgProcessingTime = try c.decodeIfPresent(Double.self, forKey: .avgProcessingTime)
        avgSchedulingDelay = try c.decodeIfPresent(Double.self, forKey: .avgSchedulingDelay)
        avgTotalDelay = try c.decodeIfPresent(Double.self, forKey: .avgTotalDelay)
    }
}
