import Foundation

/// Where a streaming app keeps a checkpoint or looks for its stop marker: `s3://bucket/prefix` (the
/// simulator's S3), `hdfs://host[:port]/path` (the simulator's one in-memory HDFS; host and port are not
/// checked) or `file:///abs/path` (this machine's filesystem).
enum StorageLocation: Sendable, Equatable {
    /// An object key (or key prefix) in a bucket of the simulator's S3.
    case s3(bucket: String, key: String)
    /// An absolute path in the simulator's HDFS, normalised (`/a/b`, no trailing `/`).
    case hdfs(path: String)
    /// An absolute path on the local filesystem.
    case file(path: String)

    /// Parses a storage URI; nil for any other scheme or a URI without a path.
    init?(_ uri: String) {
        let trimmed = uri.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("s3://") || trimmed.hasPrefix("s3a://") {
            let rest = trimmed.drop { $0 != "/" }.dropFirst(2)
            let bucket = String(rest.prefix { $0 != "/" })
            let key = String(rest.dropFirst(bucket.count).drop { $0 == "/" })
            guard !bucket.isEmpty else { return nil }
            self = .s3(bucket: bucket, key: Self.trimSlashes(key))
        } else if trimmed.hasPrefix("hdfs://") {
            let rest = trimmed.dropFirst("hdfs://".count)
            let path = String(rest.drop { $0 != "/" })
            self = .hdfs(path: HDFSStore.normalise(path))
        } else if trimmed.hasPrefix("file://") {
            let path = String(trimmed.dropFirst("file://".count))
            guard path.hasPrefix("/") else { return nil }
            self = .file(path: path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path)
        } else {
            return nil
        }
    }

    /// The location of `name` (a relative path such as `offsets/3`) inside this one.
    func appending(_ name: String) -> StorageLocation {
        switch self {
        case let .s3(bucket, key): return .s3(bucket: bucket, key: key.isEmpty ? name : key + "/" + name)
        case let .hdfs(path): return .hdfs(path: path == "/" ? "/" + name : path + "/" + name)
        case let .file(path): return .file(path: path == "/" ? "/" + name : path + "/" + name)
        }
    }

    /// The URI this location was parsed from, in canonical form.
    var uri: String {
        switch self {
        case let .s3(bucket, key): return "s3://\(bucket)/\(key)"
        case let .hdfs(path): return "hdfs://\(path)"
        case let .file(path): return "file://\(path)"
        }
    }

    private static func trimSlashes(_ key: String) -> String {
        var k = Substring(key)
        while k.hasSuffix("/") { k = k.dropLast() }
        return String(k)
    }
}
