/// Snapshots of a checkpoint's `metadata`, `offsets/` and `commits/`, kept next to it (never inside it) at
/// `<checkpoint>.sparkdeploy-snapshots/<id>/`, and their restore: so that after a failed upgrade the previous
/// build restarts exactly where it left off.
///
/// What is restorable: the progress log (which batches were planned and committed, and their source offsets).
/// What is not: `state/` (a stateful query's state store is versioned by batch, and Spark reads the version of
/// the restored batch as long as it was not yet purged), `sources/` and the sink's own output.
public struct CheckpointSnapshots: Sendable {
    /// The store the checkpoint and its snapshots are in.
    public let storage: any CheckpointStorage

    /// Creates the snapshotter over `storage`.
    public init(storage: any CheckpointStorage) { self.storage = storage }

    /// The suffix of the sibling location snapshots are kept at.
    public static let suffix = ".sparkdeploy-snapshots"

    /// Where snapshot `id` of the checkpoint at `location` is kept.
    public static func location(of id: String, checkpoint location: StorageURI) -> StorageURI {
        location.sibling(suffix: suffix).appending(id)
    }

    /// Checks a snapshot id: letters, digits, `-`, `_`, `.` (not leading), at most 128 characters.
    /// - Throws: ``CheckpointError`` `invalidURI`.
    public static func validate(id: String) throws(CheckpointError) {
        let allowed = id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
        guard !id.isEmpty, id.count <= 128, allowed, !id.hasPrefix(".") else {
            throw CheckpointError(
                .invalidURI, "snapshot id '\(CheckpointError.quoted(id))' must be 1-128 letters, digits, '-', '_' or '.' (not leading)")
        }
    }

    /// Copies `metadata`, `offsets/<N>` and `commits/<N>` of the checkpoint at `location` to snapshot `id`.
    /// - Throws: ``CheckpointError``: `notFound` when there is no checkpoint, or the store's failure.
    public func snapshot(_ location: StorageURI, id: String) async throws(CheckpointError) -> SnapshotSummary {
        try Self.validate(id: id)
        let target = Self.location(of: id, checkpoint: location)
        let offsets = BatchFiles.batches(in: try await storage.list(location.appending("offsets")) ?? [])
        let commits = BatchFiles.batches(in: try await storage.list(location.appending("commits")) ?? [])
        let metadata = try await storage.read(location.appending("metadata"), limit: StorageLimits.fileBytes)
        guard metadata != nil || !offsets.isEmpty || !commits.isEmpty else {
            throw CheckpointError(.notFound, "snapshot \(location): there is no checkpoint there (no metadata, offsets or commits)")
        }
        // Stale files of an earlier snapshot with the same id would mix two states: clear them first.
        for directory in ["offsets", "commits"] {
            for batch in BatchFiles.batches(in: try await storage.list(target.appending(directory)) ?? []) {
                try await storage.delete(target.appending("\(directory)/\(batch)"))
            }
        }
        var copiedOffsets = 0
        var copiedCommits = 0
        for batch in offsets where try await copy("offsets/\(batch)", from: location, to: target) { copiedOffsets += 1 }
        for batch in commits where try await copy("commits/\(batch)", from: location, to: target) { copiedCommits += 1 }
        if let metadata { try await storage.write(target.appending("metadata"), metadata) }
        return SnapshotSummary(
            id: id, location: target, offsets: copiedOffsets, commits: copiedCommits, latestOffset: offsets.last,
            latestCommit: commits.last)
    }

    /// Restores snapshot `id` into the checkpoint at `location`: deletes every `offsets/<N>` newer than the
    /// snapshot's newest offsets batch and every `commits/<N>` newer than its newest commit (and their `.N.crc`
    /// checksums), then writes the snapshot's files back.
    /// - Throws: ``CheckpointError``: `notFound` when there is no such snapshot, or the store's failure.
    public func restore(_ location: StorageURI, id: String) async throws(CheckpointError) -> RestoreSummary {
        try Self.validate(id: id)
        let source = Self.location(of: id, checkpoint: location)
        let savedOffsets = BatchFiles.batches(in: try await storage.list(source.appending("offsets")) ?? [])
        let savedCommits = BatchFiles.batches(in: try await storage.list(source.appending("commits")) ?? [])
        let metadata = try await storage.read(source.appending("metadata"), limit: StorageLimits.fileBytes)
        guard metadata != nil || !savedOffsets.isEmpty || !savedCommits.isEmpty else {
            throw CheckpointError(.notFound, "restore \(location): no snapshot '\(id)' at \(source)")
        }
        var summary = RestoreSummary(id: id, removedOffsets: [], removedCommits: [])
        let currentOffsets = BatchFiles.batches(in: try await storage.list(location.appending("offsets")) ?? [])
        let currentCommits = BatchFiles.batches(in: try await storage.list(location.appending("commits")) ?? [])
        for batch in currentCommits where batch > (savedCommits.last ?? -1) {
            try await remove("commits", batch, in: location)
            summary.removedCommits.append(batch)
        }
        for batch in currentOffsets where batch > (savedOffsets.last ?? -1) {
            try await remove("offsets", batch, in: location)
            summary.removedOffsets.append(batch)
        }
        for batch in savedOffsets { _ = try await copy("offsets/\(batch)", from: source, to: location) }
        for batch in savedCommits { _ = try await copy("commits/\(batch)", from: source, to: location) }
        if let metadata { try await storage.write(location.appending("metadata"), metadata) }
        summary.latestOffset = savedOffsets.last
        summary.latestCommit = savedCommits.last
        return summary
    }

    /// Copies file `name` from `source` to `target`; `false` when it vanished meanwhile (Spark purged it).
    private func copy(_ name: String, from source: StorageURI, to target: StorageURI) async throws(CheckpointError) -> Bool {
        guard let bytes = try await storage.read(source.appending(name), limit: StorageLimits.fileBytes) else { return false }
        try await storage.write(target.appending(name), bytes)
        return true
    }

    private func remove(_ directory: String, _ batch: Int, in location: StorageURI) async throws(CheckpointError) {
        try await storage.delete(location.appending("\(directory)/\(batch)"))
        if location.scheme != .s3 { try await storage.delete(location.appending("\(directory)/.\(batch).crc")) }
    }
}

/// What ``CheckpointSnapshots/snapshot(_:id:)`` copied.
public struct SnapshotSummary: Sendable, Equatable {
    /// The snapshot id.
    public var id: String
    /// Where the snapshot is.
    public var location: StorageURI
    /// Offsets files copied.
    public var offsets: Int
    /// Commit files copied.
    public var commits: Int
    /// The newest offsets batch saved.
    public var latestOffset: Int?
    /// The newest commit saved.
    public var latestCommit: Int?
}

/// What ``CheckpointSnapshots/restore(_:id:)`` changed.
public struct RestoreSummary: Sendable, Equatable {
    /// The snapshot id.
    public var id: String
    /// The offsets batches deleted (newer than the snapshot's).
    public var removedOffsets: [Int]
    /// The commits deleted (newer than the snapshot's).
    public var removedCommits: [Int]
    /// The newest offsets batch after the restore.
    public var latestOffset: Int?
    /// The newest commit after the restore.
    public var latestCommit: Int?
}
