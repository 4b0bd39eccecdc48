/// A checkpoint in HDFS (`hdfs://namenode[:port]/path`), read and written through a ``WebHDFSClient``.
public struct WebHDFSStorage: CheckpointStorage {
    /// The WebHDFS client.
    public let client: WebHDFSClient

    /// Creates the store over `client`.
    public init(client: WebHDFSClient) { self.client = client }

    /// `LISTSTATUS`; `nil` for a missing directory.
    public func list(_ directory: StorageURI) async throws(CheckpointError) -> [StorageEntry]? {
        do {
            return try await client.listStatus(directory.path)?.map {
                StorageEntry(name: $0.pathSuffix, isDirectory: $0.isDirectory, size: $0.isDirectory ? 0 : $0.length)
            }
        } catch {
            throw Self.failure(error, "list", directory)
        }
    }

    /// `OPEN`; `nil` for a missing file.
    public func read(_ file: StorageURI, limit: Int) async throws(CheckpointError) -> [UInt8]? {
        do { return try await client.open(file.path, limit: limit) } catch { throw Self.failure(error, "read", file) }
    }

    /// `GETFILESTATUS`: whether a file (not a directory) is there.
    public func exists(_ file: StorageURI) async throws(CheckpointError) -> Bool {
        do { return try await client.fileStatus(file.path).map { !$0.isDirectory } ?? false } catch {
            throw Self.failure(error, "check", file)
        }
    }

    /// `CREATE` with `overwrite=true` (HDFS creates the parents).
    public func write(_ file: StorageURI, _ bytes: [UInt8]) async throws(CheckpointError) {
        do { try await client.create(file.path, bytes: bytes) } catch { throw Self.failure(error, "write", file) }
    }

    /// `DELETE` (not recursive).
    @discardableResult
    public func delete(_ file: StorageURI) async throws(CheckpointError) -> Bool {
        do { return try await client.delete(file.path) } catch { throw Self.failure(error, "delete", file) }
    }

    /// `error` as a ``CheckpointError`` naming the operation and the location.
    static func failure(_ error: WebHDFSError, _ operation: String, _ location: StorageURI) -> CheckpointError {
        let kind: CheckpointError.Kind
        switch error.kind {
        case .notFound: kind = .notFound
        case .forbidden: kind = .forbidden
        case .unreachable: kind = .unreachable
        case .badResponse: kind = .failed
        }
        return CheckpointError(kind, "\(operation) \(location): \(error)")
    }
}
