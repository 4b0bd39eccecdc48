import Logging
import S3

/// A checkpoint in S3 (`s3://bucket/prefix`): ListObjectsV2 under `prefix/`, GetObject, HeadObject,
/// PutObject (a single request: S3 replaces an object atomically) and DeleteObject, through the run's
/// ``S3Client``.
public struct S3Storage: CheckpointStorage {
    /// The S3 client.
    public let client: S3Client
    /// The logger the client's requests log to.
    public let logger: Logger

    /// Creates the store over `client`.
    public init(client: S3Client, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// The objects and common prefixes directly under `directory/`, or `nil` when there are none.
    public func list(_ directory: StorageURI) async throws(CheckpointError) -> [StorageEntry]? {
        let prefix = directory.path + "/"
        let objects: [S3ObjectInfo]
        do {
            objects = try await client.listObjectsV2(bucket: directory.authority, prefix: prefix, maxPages: 100, logger: logger)
        } catch {
            throw Self.failure(error, "list", directory)
        }
        guard !objects.isEmpty else { return nil }
        var files: [String: Int] = [:]
        var directories = Set<String>()
        for object in objects where object.key.hasPrefix(prefix) {
            let rest = object.key.dropFirst(prefix.count)
            guard let first = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first, !first.isEmpty else {
                continue
            }
            if rest.count > first.count { directories.insert(String(first)) } else { files[String(first)] = object.size }
        }
        let entries =
            files.map { StorageEntry(name: $0.key, isDirectory: false, size: $0.value) }
            + directories.map { StorageEntry(name: $0, isDirectory: true) }
        return entries.sorted { $0.name < $1.name }
    }

    /// GetObject; `nil` for `NoSuchKey`.
    public func read(_ file: StorageURI, limit: Int) async throws(CheckpointError) -> [UInt8]? {
        do {
            let body = try await client.getObject(bucket: file.authority, key: file.path, logger: logger).body
            guard body.count <= limit else { throw CheckpointError(.garbled, "read \(file): larger than \(limit) bytes") }
            return body
        } catch let error as S3Error where error.code == "NoSuchKey" {
            return nil
        } catch {
            throw Self.failure(error, "read", file)
        }
    }

    /// HeadObject; `false` for 404.
    public func exists(_ file: StorageURI) async throws(CheckpointError) -> Bool {
        do {
            _ = try await client.headObject(bucket: file.authority, key: file.path, logger: logger)
            return true
        } catch let error as S3Error where error.status == 404 {
            return false
        } catch {
            throw Self.failure(error, "check", file)
        }
    }

    /// PutObject.
    public func write(_ file: StorageURI, _ bytes: [UInt8]) async throws(CheckpointError) {
        do {
            try await client.putObject(bucket: file.authority, key: file.path, body: bytes, logger: logger)
        } catch {
            throw Self.failure(error, "write", file)
        }
    }

    /// DeleteObject (S3 answers the same for a missing key, so this returns `false`).
    @discardableResult
    public func delete(_ file: StorageURI) async throws(CheckpointError) -> Bool {
        do {
            try await client.deleteObject(bucket: file.authority, key: file.path, logger: logger)
        } catch {
            throw Self.failure(error, "delete", file)
        }
        return false
    }

    /// `error` as a ``CheckpointError`` naming the operation and the location.
    static func failure(_ error: any Error, _ operation: String, _ location: StorageURI) -> CheckpointError {
        if let error = error as? CheckpointError { return error }
        let kind: CheckpointError.Kind
        if let s3 = error as? S3Error {
            kind = s3.status == 403 ? .forbidden : s3.status >= 500 ? .unreachable : s3.isNotFound ? .notFound : .failed
        } else if error is S3ResponseError {
            kind = .failed
        } else {
            kind = .unreachable
        }
        return CheckpointError(kind, "\(operation) \(location): \(error)")
    }
}
