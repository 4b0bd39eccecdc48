import Foundation

/// Where a checkpoint, a stop marker or a snapshot lives: `s3://bucket/prefix`, `hdfs://host[:port]/path`
/// (reached over WebHDFS) or `file:///abs/path`.
///
/// The path never ends with `/` (except the root) and never holds `.` or `..` segments, so appending a
/// child name cannot climb out of the checkpoint.
public struct StorageURI: Sendable, Hashable, CustomStringConvertible {
    /// The storage systems a URI may name.
    public enum Scheme: String, Sendable, CaseIterable {
        /// Amazon S3 (or an S3-compatible endpoint): `s3://bucket/key-prefix`.
        case s3
        /// HDFS through the NameNode's WebHDFS REST API: `hdfs://namenode[:port]/path`.
        case hdfs
        /// A local directory: `file:///absolute/path`.
        case file
    }

    /// The storage system.
    public let scheme: Scheme
    /// The bucket (`s3`), the NameNode host with its port if any (`hdfs`), empty for `file`.
    public let authority: String
    /// The path inside the bucket or file system: for `s3` the key without a leading `/`
    /// (`checkpoints/orders`), for `hdfs` and `file` an absolute path (`/checkpoints/orders`).
    public let path: String

    /// Parses `text`; an error names the URI and what is wrong with it.
    /// - Throws: ``CheckpointError`` of kind ``CheckpointError/Kind/invalidURI``.
    public init(parsing text: String) throws(CheckpointError) {
        func invalid(_ problem: String) -> CheckpointError {
            CheckpointError(.invalidURI, "'\(CheckpointError.quoted(text))' is not a checkpoint location: \(problem)")
        }
        guard let separator = text.range(of: "://") else {
            throw invalid("expected s3://bucket/prefix, hdfs://host[:port]/path or file:///absolute/path")
        }
        let schemeText = text[..<separator.lowerBound].lowercased()
        guard let scheme = Scheme(rawValue: schemeText) else {
            throw invalid("unsupported scheme '\(CheckpointError.quoted(schemeText))' (use s3, hdfs or file)")
        }
        let rest = text[separator.upperBound...]
        if rest.contains(where: { $0 == "?" || $0 == "#" || $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 } == true }) {
            throw invalid("a location has no query, fragment, spaces or control characters")
        }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = String(rest[..<slash])
        let rawPath = String(rest[slash...])
        let segments = rawPath.split(separator: "/", omittingEmptySubsequences: true)
        if segments.contains(where: { $0 == "." || $0 == ".." }) { throw invalid("'.' and '..' segments are not allowed") }
        switch scheme {
        case .s3:
            guard !authority.isEmpty else { throw invalid("no bucket") }
            guard !segments.isEmpty else { throw invalid("no key prefix after the bucket (a checkpoint is never a whole bucket)") }
        case .hdfs:
            guard !authority.isEmpty else { throw invalid("no NameNode host (hdfs://host[:port]/path)") }
            if let colon = authority.lastIndex(of: ":"), Int(authority[authority.index(after: colon)...]) == nil {
                throw invalid("the port is not a number")
            }
            guard !segments.isEmpty else { throw invalid("no path after the host") }
        case .file:
            guard authority.isEmpty || authority == "localhost" else {
                throw invalid("a file URI names no host: file:///absolute/path")
            }
            guard !segments.isEmpty else { throw invalid("no path (file:///absolute/path)") }
        }
        self.scheme = scheme
        self.authority = scheme == .file ? "" : authority
        let joined = segments.joined(separator: "/")
        self.path = scheme == .s3 ? joined : "/" + joined
    }

    private init(scheme: Scheme, authority: String, path: String) {
        self.scheme = scheme
        self.authority = authority
        self.path = path
    }

    /// The NameNode host of an `hdfs` URI, without its port; the empty string otherwise.
    public var host: String {
        guard scheme == .hdfs else { return "" }
        if let colon = authority.lastIndex(of: ":"), Int(authority[authority.index(after: colon)...]) != nil {
            return String(authority[..<colon])
        }
        return authority
    }

    /// This location with `name` appended (`offsets`, `offsets/7`); `name`'s empty, `.` and `..` segments are dropped.
    public func appending(_ name: String) -> StorageURI {
        let extra = name.split(separator: "/").filter { $0 != "." && $0 != ".." }.joined(separator: "/")
        guard !extra.isEmpty else { return self }
        return StorageURI(scheme: scheme, authority: authority, path: path + "/" + extra)
    }

    /// A location next to this one: the same parent, the last segment plus `suffix`
    /// (`s3://b/cp` → `s3://b/cp.sparkdeploy-snapshots`).
    public func sibling(suffix: String) -> StorageURI {
        StorageURI(scheme: scheme, authority: authority, path: path + suffix)
    }

    /// The URI as text: `s3://bucket/prefix`, `hdfs://host:port/path`, `file:///path`.
    public var description: String {
        switch scheme {
        case .s3: return "s3://\(authority)/\(path)"
        case .hdfs: return "hdfs://\(authority)\(path)"
        case .file: return "file://\(path)"
        }
    }
}
