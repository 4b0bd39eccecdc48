import Foundation
import HTTPTransport

extension WebHDFSClient {
    /// `LISTSTATUS`: the entries of directory `path`, or `nil` when it does not exist.
    /// - Throws: ``WebHDFSError`` (`forbidden`, `unreachable`, `badResponse` for a body that is not a listing,
    ///   a file instead of a directory, or an answer larger than `limit` bytes).
    public func listStatus(_ path: String, limit: Int = StorageLimits.listingBytes) async throws(WebHDFSError) -> [WebHDFSFileStatus]? {
        let response = try await send("LISTSTATUS", method: "GET", path: path, limit: limit, idempotent: true)
        let target = url(base: baseURLs[0], path: path, operation: "LISTSTATUS", query: [])
        if response.status == 404 { return nil }
        guard response.status == 200 else { throw Self.failure("LISTSTATUS", url: target, response: response) }
        do {
            return try JSONDecoder().decode(WebHDFSListing.self, from: Data(response.body)).fileStatuses.statuses
        } catch {
            throw WebHDFSError(
                kind: .badResponse, operation: "LISTSTATUS", url: target, status: 200,
                message: "not a FileStatuses listing: \(response.excerpt(limit: 160))")
        }
    }

    /// `GETFILESTATUS`: the status of `path`, or `nil` when it does not exist.
    /// - Throws: ``WebHDFSError``.
    public func fileStatus(_ path: String) async throws(WebHDFSError) -> WebHDFSFileStatus? {
        let response = try await send("GETFILESTATUS", method: "GET", path: path, limit: 1 << 20, idempotent: true)
        let target = url(base: baseURLs[0], path: path, operation: "GETFILESTATUS", query: [])
        if response.status == 404 { return nil }
        guard response.status == 200 else { throw Self.failure("GETFILESTATUS", url: target, response: response) }
        do {
            return try JSONDecoder().decode(WebHDFSSingleStatus.self, from: Data(response.body)).status
        } catch {
            throw WebHDFSError(
                kind: .badResponse, operation: "GETFILESTATUS", url: target, status: 200,
                message: "not a FileStatus document: \(response.excerpt(limit: 160))")
        }
    }

    /// `OPEN`: the bytes of file `path` (NameNode 307 → DataNode), or `nil` when it does not exist.
    /// - Throws: ``WebHDFSError`` (`badResponse` for a file larger than `limit` bytes).
    public func open(_ path: String, limit: Int = StorageLimits.fileBytes) async throws(WebHDFSError) -> [UInt8]? {
        let response = try await send("OPEN", method: "GET", path: path, limit: limit, idempotent: true)
        let target = url(base: baseURLs[0], path: path, operation: "OPEN", query: [])
        switch response.status {
        case 404: return nil
        case 200: return response.body
        case 307:
            let data = try await followRedirect("OPEN", from: response, method: "GET", body: [], limit: limit, path: target)
            if data.status == 404 { return nil }
            guard data.status == 200 else { throw Self.failure("OPEN", url: target, response: data) }
            return data.body
        default:
            throw Self.failure("OPEN", url: target, response: response)
        }
    }

    /// `CREATE` with `overwrite=true`: the NameNode's 307 names a DataNode, which takes the bytes (201).
    /// - Throws: ``WebHDFSError``.
    public func create(_ path: String, bytes: [UInt8]) async throws(WebHDFSError) {
        let response = try await send(
            "CREATE", method: "PUT", path: path, query: [("overwrite", "true")], limit: 1 << 20, idempotent: false)
        let target = url(base: baseURLs[0], path: path, operation: "CREATE", query: [("overwrite", "true")])
        guard response.status == 307 else {
            if response.status == 201 { return }
            throw Self.failure("CREATE", url: target, response: response)
        }
        let data = try await followRedirect("CREATE", from: response, method: "PUT", body: bytes, limit: 1 << 20, path: target)
        guard data.status == 201 || data.status == 200 else { throw Self.failure("CREATE", url: target, response: data) }
    }

    /// `MKDIRS`: creates directory `path` and its parents.
    /// - Throws: ``WebHDFSError`` (`badResponse` when the NameNode answers `{"boolean":false}`).
    public func mkdirs(_ path: String) async throws(WebHDFSError) {
        let response = try await send("MKDIRS", method: "PUT", path: path, limit: 1 << 20, idempotent: true)
        let target = url(base: baseURLs[0], path: path, operation: "MKDIRS", query: [])
        guard response.status == 200 else { throw Self.failure("MKDIRS", url: target, response: response) }
        guard (try? JSONDecoder().decode(WebHDFSBoolean.self, from: Data(response.body)).boolean) == true else {
            throw WebHDFSError(kind: .badResponse, operation: "MKDIRS", url: target, status: 200, message: response.excerpt(limit: 160))
        }
    }

    /// `DELETE`: removes `path` (a directory only with `recursive`); `false` when there was nothing to delete.
    /// - Throws: ``WebHDFSError``.
    @discardableResult
    public func delete(_ path: String, recursive: Bool = false) async throws(WebHDFSError) -> Bool {
        let query = [("recursive", recursive ? "true" : "false")]
        let response = try await send("DELETE", method: "DELETE", path: path, query: query, limit: 1 << 20, idempotent: true)
        let target = url(base: baseURLs[0], path: path, operation: "DELETE", query: query)
        if response.status == 404 { return false }
        guard response.status == 200 else { throw Self.failure("DELETE", url: target, response: response) }
        guard let answer = try? JSONDecoder().decode(WebHDFSBoolean.self, from: Data(response.body)) else {
            throw WebHDFSError(kind: .badResponse, operation: "DELETE", url: target, status: 200, message: response.excerpt(limit: 160))
        }
        return answer.boolean
    }
}
