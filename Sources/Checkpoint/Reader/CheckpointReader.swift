import Foundation

/// Reads a Structured Streaming checkpoint's layout: `metadata` (`{"id":"<query id>"}`), `offsets/<N>` and
/// `commits/<N>`, ignoring temporary, checksum and dot files. A garbled file is an error naming the file and
/// the problem; a missing checkpoint is a state with `exists == false`.
public struct CheckpointReader: Sendable {
    /// The store the checkpoint is in.
    public let storage: any CheckpointStorage

    /// Creates a reader over `storage`.
    public init(storage: any CheckpointStorage) { self.storage = storage }

    /// The checkpoint at `location`.
    /// - Throws: ``CheckpointError`` (`unreachable`, `forbidden`, `garbled`…).
    public func read(_ location: StorageURI) async throws(CheckpointError) -> CheckpointState {
        let metadataBytes = try await storage.read(location.appending("metadata"), limit: StorageLimits.fileBytes)
        let offsets = BatchFiles.batches(in: try await storage.list(location.appending("offsets")) ?? [])
        let commits = BatchFiles.batches(in: try await storage.list(location.appending("commits")) ?? [])
        guard metadataBytes != nil || !offsets.isEmpty || !commits.isEmpty else {
            return CheckpointState(location: location, exists: false)
        }
        var state = CheckpointState(
            location: location, exists: true, latestOffset: offsets.last, latestCommit: commits.last,
            offsetCount: offsets.count, commitCount: commits.count)
        if let metadataBytes { state.queryID = try Self.queryID(metadataBytes, location: location.appending("metadata")) }
        if let latest = offsets.last {
            let file = location.appending("offsets/\(latest)")
            // Listed a moment ago; if it vanished since (a restore, Spark's purge), report no metadata for it.
            if let bytes = try await storage.read(file, limit: StorageLimits.fileBytes) {
                state.latestOffsets = try OffsetsFile.parse(bytes, location: file)
            }
        }
        if let latest = commits.last {
            let file = location.appending("commits/\(latest)")
            if let bytes = try await storage.read(file, limit: StorageLimits.fileBytes) {
                let first = String(decoding: bytes.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
                _ = try VersionLine.parse(first, location: file, what: "commit file")
            }
        }
        return state
    }

    /// The `id` of a `metadata` file (`{"id":"…"}` on its first line).
    /// - Throws: ``CheckpointError`` `garbled` naming the file.
    static func queryID(_ bytes: [UInt8], location: StorageURI) throws(CheckpointError) -> String {
        let firstLine = bytes.prefix { $0 != UInt8(ascii: "\n") }
        let object = try? JSONSerialization.jsonObject(with: Data(firstLine)) as? [String: Any]
        guard let object else {
            let excerpt = CheckpointError.quoted(String(decoding: firstLine.prefix(80), as: UTF8.self))
            throw CheckpointError(.garbled, "metadata file \(location) is garbled: not a JSON object ('\(excerpt)')")
        }
        guard let id = object["id"] as? String, !id.isEmpty else {
            throw CheckpointError(.garbled, "metadata file \(location) is garbled: no \"id\" string")
        }
        return id
    }
}
