/// The simulator's HDFS, in memory (part of ``CoreState``): one namespace of directories and files that
/// WebHDFS serves on every RM listener and streaming apps with an `hdfs://` checkpoint write to.
/// Times are the cluster's virtual epoch seconds.
struct HDFSStore: Sendable {
    /// What is stored at one path.
    struct Entry: Sendable {
        /// The file's bytes; nil for a directory.
        var bytes: [UInt8]?
        /// When it was last written (a directory: created), virtual epoch seconds.
        var modified: Double
        /// Its owner (the writer's `user.name`, `hadoop` for the simulator's own writes).
        var owner: String
        /// HDFS's inode id.
        var fileId: Int
        /// True for a directory.
        var isDirectory: Bool { bytes == nil }
    }

    /// Why an HDFS operation was refused.
    enum Failure: Error, Equatable {
        /// Nothing at the path (`FileNotFoundException`).
        case notFound(String)
        /// A file stands where a directory is needed, or the reverse (`ParentNotDirectoryException`,
        /// `FileAlreadyExistsException`).
        case wrongType(String)
        /// The file exists and overwrite was not allowed (`FileAlreadyExistsException`).
        case exists(String)
        /// A non-recursive delete of a non-empty directory (`PathIsNotEmptyDirectoryException`).
        case notEmpty(String)
    }

    /// Entries by normalised absolute path; `/` always exists.
    private(set) var entries: [String: Entry] = ["/": Entry(bytes: nil, modified: 0, owner: "hdfs", fileId: 16385)]
    private var nextFileId = 16386

    /// `/a//b/` → `/a/b`; `` → `/`.
    static func normalise(_ path: String) -> String {
        let parts = path.split(separator: "/").filter { $0 != "." && !$0.isEmpty }
        return "/" + parts.joined(separator: "/")
    }

    /// The parent directory of a normalised path (`/` for `/x`).
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), path != "/" else { return "/" }
        let p = String(path[..<slash])
        return p.isEmpty ? "/" : p
    }

    /// What is at `path`.
    func entry(_ path: String) -> Entry? { entries[Self.normalise(path)] }

    /// The direct children of directory `path`, sorted by name, as (name, entry).
    func children(of path: String) -> [(String, Entry)] {
        let dir = Self.normalise(path)
        let prefix = dir == "/" ? "/" : dir + "/"
        return entries.compactMap { key, entry -> (String, Entry)? in
            guard key != dir, key.hasPrefix(prefix) else { return nil }
            let name = key.dropFirst(prefix.count)
            return name.contains("/") ? nil : (String(name), entry)
        }.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
    }

    /// Creates directory `path` and its missing parents (`MKDIRS`).
    mutating func mkdirs(_ path: String, owner: String, at t: Double) -> Result<Void, Failure> {
        let target = Self.normalise(path)
        var chain: [String] = []
        var p = target
        while p != "/" {
            chain.append(p)
            p = Self.parent(of: p)
        }
        for dir in chain.reversed() {
            if let existing = entries[dir] {
                if !existing.isDirectory { return .failure(.wrongType(dir)) }
                continue
            }
            entries[dir] = Entry(bytes: nil, modified: t, owner: owner, fileId: nextFileId)
            nextFileId += 1
        }
        return .success(())
    }

    /// Writes file `path`, creating its parents (`CREATE`).
    mutating func write(
        _ path: String, bytes: [UInt8], overwrite: Bool = true, owner: String, at t: Double
    ) -> Result<Void, Failure> {
        let target = Self.normalise(path)
        guard target != "/" else { return .failure(.wrongType(target)) }
        if let existing = entries[target] {
            if existing.isDirectory { return .failure(.wrongType(target)) }
            if !overwrite { return .failure(.exists(target)) }
        }
        if case let .failure(failure) = mkdirs(Self.parent(of: target), owner: owner, at: t) { return .failure(failure) }
        let id = entries[target]?.fileId ?? nextFileId
        if entries[target] == nil { nextFileId += 1 }
        entries[target] = Entry(bytes: bytes, modified: t, owner: owner, fileId: id)
        return .success(())
    }

    /// Deletes `path` (a directory's contents too when `recursive`); false when nothing was there (`DELETE`).
    mutating func delete(_ path: String, recursive: Bool) -> Result<Bool, Failure> {
        let target = Self.normalise(path)
        guard target != "/", let existing = entries[target] else { return .success(false) }
        if existing.isDirectory {
            let prefix = target + "/"
            let inside = entries.keys.filter { $0.hasPrefix(prefix) }
            if !inside.isEmpty && !recursive { return .failure(.notEmpty(target)) }
            for key in inside { entries[key] = nil }
        }
        entries[target] = nil
        return .success(true)
    }
}
