/// What a Structured Streaming checkpoint says about its query, as ``CheckpointReader`` found it.
public struct CheckpointState: Sendable, Equatable {
    /// The checkpoint's location.
    public var location: StorageURI
    /// Whether there is a checkpoint there at all (a `metadata` file, or batches in `offsets/` or `commits/`).
    public var exists: Bool
    /// The query id from `metadata` (stable across restarts of the same query).
    public var queryID: String?
    /// The newest batch in `offsets/` (planned: its offsets were written when it started).
    public var latestOffset: Int?
    /// The newest batch in `commits/` (finished: its output is in the sink).
    public var latestCommit: Int?
    /// The newest offsets file's batch metadata and source offsets.
    public var latestOffsets: OffsetsFile?
    /// How many batch files `offsets/` holds.
    public var offsetCount: Int
    /// How many batch files `commits/` holds.
    public var commitCount: Int

    /// Creates a state.
    public init(
        location: StorageURI, exists: Bool, queryID: String? = nil, latestOffset: Int? = nil, latestCommit: Int? = nil,
        latestOffsets: OffsetsFile? = nil, offsetCount: Int = 0, commitCount: Int = 0
    ) {
        self.location = location
        self.exists = exists
        self.queryID = queryID
        self.latestOffset = latestOffset
        self.latestCommit = latestCommit
        self.latestOffsets = latestOffsets
        self.offsetCount = offsetCount
        self.commitCount = commitCount
    }

    /// Whether a batch was started and not committed: the newest offsets batch is newer than the newest commit
    /// (or there are offsets and no commit at all). A query stopped gracefully leaves none.
    public var inFlight: Bool {
        guard let latestOffset else { return false }
        guard let latestCommit else { return true }
        return latestOffset > latestCommit
    }
}
