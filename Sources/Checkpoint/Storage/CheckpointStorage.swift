/// One entry of a directory listing: a file or a sub-directory, by its name inside the directory.
public struct StorageEntry: Sendable, Equatable {
    /// The name inside the listed directory (`7`, `.7.crc`, `offsets`).
    public var name: String
    /// Whether it is a directory (for S3: a common prefix).
    public var isDirectory: Bool
    /// The size in bytes (0 for a directory).
    public var size: Int

    /// Creates an entry.
    public init(name: String, isDirectory: Bool, size: Int = 0) {
        self.name = name
        self.isDirectory = isDirectory
        self.size = size
    }
}

/// A store a checkpoint lives in: S3, HDFS over WebHDFS, or local files. Every location passed in has the
/// store's scheme; every failure is a ``CheckpointError`` naming the location.
public protocol CheckpointStorage: Sendable {
    /// The entries directly inside `directory`, or `nil` when it does not exist.
    func list(_ directory: StorageURI) async throws(CheckpointError) -> [StorageEntry]?
    /// The bytes of the file at `file` (at most `limit` bytes, else an error), or `nil` when it does not exist.
    func read(_ file: StorageURI, limit: Int) async throws(CheckpointError) -> [UInt8]?
    /// Whether a file exists at `file`.
    func exists(_ file: StorageURI) async throws(CheckpointError) -> Bool
    /// Writes `bytes` to `file`, replacing it whole (parents are created as needed).
    func write(_ file: StorageURI, _ bytes: [UInt8]) async throws(CheckpointError)
    /// Deletes the file at `file`; a missing file is not an error. Returns whether something was deleted,
    /// when the store can tell (S3 cannot: it answers `false`).
    @discardableResult
    func delete(_ file: StorageURI) async throws(CheckpointError) -> Bool
}

/// Sizes shared by the stores.
public enum StorageLimits {
    /// The largest checkpoint file read (offsets, commits and metadata files are a few KB).
    public static let fileBytes = 4 << 20
    /// The largest directory listing answer accepted from a remote store.
    public static let listingBytes = 32 << 20
}
