/// Where leases and deploy journals live: `s3://bucket/prefix` (`SPARKDEPLOY_LOCK_STORE`, `--lock-store`,
/// or `lock(name, { store = … })`).
///
/// A lock `name` is the object `<prefix>/locks/<name>.json`; the journal of deploy `id` under it is
/// `<prefix>/journal/<name>/<id>.json`. Names are made key-safe (letters, digits, `-_.` kept, others `_`).
public struct LeaseStore: Sendable, Equatable, CustomStringConvertible {
    /// The bucket.
    public let bucket: String
    /// The key prefix, without leading or trailing `/` (may be empty).
    public let prefix: String

    /// Parses `s3://bucket[/prefix]`.
    /// - Throws: ``LeaseStoreError`` naming what is wrong with `text`.
    public init(parsing text: String) throws(LeaseStoreError) {
        guard text.hasPrefix("s3://") else {
            throw LeaseStoreError(text: text, problem: "must start with s3:// (s3://bucket/prefix)")
        }
        let rest = text.dropFirst("s3://".count)
        let bucket = rest.prefix { $0 != "/" }
        guard (3...63).contains(bucket.count),
            bucket.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == ".") })
        else {
            throw LeaseStoreError(text: text, problem: "the bucket name must be 3-63 lowercase letters, digits, '-' or '.'")
        }
        let prefix = rest.dropFirst(bucket.count).split(separator: "/").joined(separator: "/")
        guard prefix.utf8.count <= 512, !prefix.split(separator: "/").contains(where: { $0 == "." || $0 == ".." }) else {
            throw LeaseStoreError(text: text, problem: "the prefix must be at most 512 bytes without '.' or '..' segments")
        }
        self.bucket = String(bucket)
        self.prefix = prefix
    }

    /// `s3://bucket/prefix`.
    public var description: String { "s3://\(bucket)" + (prefix.isEmpty ? "" : "/\(prefix)") }

    /// The lease object's key for lock `name`.
    public func leaseKey(_ name: String) -> String { join("locks/\(Self.safe(name)).json") }

    /// The key of deploy `id`'s journal under lock `name`.
    public func journalKey(_ name: String, deployID: String) -> String { join("journal/\(Self.safe(name))/\(deployID).json") }

    /// `s3://bucket/key`, for messages.
    public func url(_ key: String) -> String { "s3://\(bucket)/\(key)" }

    private func join(_ key: String) -> String { prefix.isEmpty ? key : "\(prefix)/\(key)" }

    /// `name` with every character outside letters, digits and `-_.` replaced by `_` (a lock name becomes one key segment).
    static func safe(_ name: String) -> String {
        String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") ? $0 : "_" })
    }
}

/// A lock store that is not an `s3://bucket/prefix` URL.
public struct LeaseStoreError: Error, Sendable, CustomStringConvertible {
    /// The text given.
    public var text: String
    /// What is wrong with it.
    public var problem: String
    /// `lock store 'x': must start with s3://…`.
    public var description: String { "lock store '\(text)': \(problem)" }
}
