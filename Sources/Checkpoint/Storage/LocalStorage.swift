import Foundation

/// Local files (`file:///…`): a checkpoint Spark wrote with `local[*]` or on a shared mount.
/// Writes go to a temporary file in the same directory, then are renamed over the target.
public struct LocalStorage: CheckpointStorage {
    /// Creates the store.
    public init() {}

    /// The local directory's entries, or `nil` when it does not exist.
    public func list(_ directory: StorageURI) async throws(CheckpointError) -> [StorageEntry]? {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory.path, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else {
            throw CheckpointError(.failed, "list \(directory): it is a file, not a directory")
        }
        let names: [String]
        do {
            names = try manager.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw CheckpointError(.failed, "list \(directory): \(CheckpointError.quoted(error.localizedDescription))")
        }
        return names.sorted().map { name in
            var childIsDirectory: ObjCBool = false
            let path = directory.path + "/" + name
            _ = manager.fileExists(atPath: path, isDirectory: &childIsDirectory)
            let size = (try? manager.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            return StorageEntry(name: name, isDirectory: childIsDirectory.boolValue, size: childIsDirectory.boolValue ? 0 : size)
        }
    }

    /// The file's bytes, or `nil` when it does not exist.
    public func read(_ file: StorageURI, limit: Int) async throws(CheckpointError) -> [UInt8]? {
        guard let handle = FileHandle(forReadingAtPath: file.path) else {
            if FileManager.default.fileExists(atPath: file.path) {
                throw CheckpointError(.forbidden, "read \(file): the file exists but cannot be opened")
            }
            return nil
        }
        defer { try? handle.close() }
        let data: Data?
        do {
            data = try handle.read(upToCount: limit + 1)
        } catch {
            throw CheckpointError(.failed, "read \(file): \(CheckpointError.quoted(error.localizedDescription))")
        }
        let bytes = [UInt8](data ?? Data())
        guard bytes.count <= limit else { throw CheckpointError(.garbled, "read \(file): larger than \(limit) bytes") }
        return bytes
    }

    /// Whether a file (not a directory) exists there.
    public func exists(_ file: StorageURI) async throws(CheckpointError) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// Writes through a temporary sibling and a rename, creating the parent directories.
    public func write(_ file: StorageURI, _ bytes: [UInt8]) async throws(CheckpointError) {
        let target = URL(fileURLWithPath: file.path)
        let parent = target.deletingLastPathComponent()
        let temporary = parent.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            try Data(bytes).write(to: temporary)
            guard rename(temporary.path, target.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw CheckpointError(.failed, "write \(file): \(CheckpointError.quoted(error.localizedDescription))")
        }
    }

    /// Removes the file; `false` when there was none.
    @discardableResult
    public func delete(_ file: StorageURI) async throws(CheckpointError) -> Bool {
        guard FileManager.default.fileExists(atPath: file.path) else { return false }
        do {
            try FileManager.default.removeItem(atPath: file.path)
        } catch {
            throw CheckpointError(.failed, "delete \(file): \(CheckpointError.quoted(error.localizedDescription))")
        }
        return true
    }
}
