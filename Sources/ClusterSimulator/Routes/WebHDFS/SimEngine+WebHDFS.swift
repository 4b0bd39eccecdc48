import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

extension SimEngine {
    /// The path prefix of the WebHDFS REST API.
    static let webHDFSPrefix = "/webhdfs/v1"

    /// Serves WebHDFS (`/webhdfs/v1/<path>?op=…&user.name=…`) on RM listener `rm`, over the simulator's one
    /// in-memory HDFS: LISTSTATUS, GETFILESTATUS, OPEN and CREATE (each a 307 to the "DataNode", this
    /// listener with `datanode=true` added, which then answers the bytes or stores them: 201), MKDIRS and
    /// DELETE. The listener of a standby RM is a standby NameNode: 403 `StandbyException`, so HA clients try
    /// the next URL; YARN's transport faults and standby redirect do not apply. Counted as `WebHDFS.<OP>`
    /// (`WebHDFS.DataNode.<OP>` for the second step).
    func handleWebHDFS(_ request: Request, context: SimContext, rm: Int) async -> Response {
        var request = request
        let rawQuery = request.uri.query ?? ""
        let query = Responses.queryPairs(rawQuery)
        let op = (query.first { $0.0 == "op" }?.1 ?? "").uppercased()
        let isDataNode = query.contains { $0.0 == "datanode" && $0.1 == "true" }
        let rawPath = String(request.uri.path.dropFirst(Self.webHDFSPrefix.count))
        let path = HDFSStore.normalise(rawPath.removingPercentEncoding ?? rawPath)
        let user = query.first { $0.0 == "user.name" }?.1 ?? "dr.who"
        let method = request.method.rawValue
        let active = withState { core, _ in
            core.count("WebHDFS.\(isDataNode ? "DataNode." : "")\(op.isEmpty ? "<missing op>" : op)")
            return core.model.activeRM
        }
        if !isDataNode && active != rm {
            return WebHDFSFailure.standby(write: method != "GET").response
        }
        let selfBase = yarnURLs.withLock { rm < $0.count ? $0[rm] : "" }
        let dataNodeURL = selfBase + request.uri.path + "?" + rawQuery + "&datanode=true"
        switch (method, op) {
        case ("GET", "LISTSTATUS"):
            return withState { core, _ in
                guard let entry = core.hdfs.entry(path) else { return WebHDFSFailure.notFound(path).response }
                let statuses: [JSONValue] =
                    entry.isDirectory
                    ? core.hdfs.children(of: path).map { Self.fileStatus($0.1, name: $0.0, in: core.hdfs, path: path + "/" + $0.0) }
                    : [Self.fileStatus(entry, name: "", in: core.hdfs, path: path)]
                return Responses.json(.ok, .object([("FileStatuses", .object([("FileStatus", .array(statuses))]))]))
            }
        case ("GET", "GETFILESTATUS"):
            return withState { core, _ in
                guard let entry = core.hdfs.entry(path) else { return WebHDFSFailure.notFound(path).response }
                return Responses.json(.ok, .object([("FileStatus", Self.fileStatus(entry, name: "", in: core.hdfs, path: path))]))
            }
        case ("GET", "OPEN"):
            let entry = withState { core, _ in core.hdfs.entry(path) }
            guard let entry else { return WebHDFSFailure.notFound(path).response }
            guard let bytes = entry.bytes else { return WebHDFSFailure.notAFile(path).response }
            guard isDataNode else {
                return Responses.text(.temporaryRedirect, "", headers: [.location: dataNodeURL + "&offset=0"])
            }
            let offset = min(bytes.count, max(0, query.first { $0.0 == "offset" }.flatMap { Int($0.1) } ?? 0))
            let length = query.first { $0.0 == "length" }.flatMap { Int($0.1) } ?? bytes.count
            let slice = bytes[offset..<min(bytes.count, offset + max(0, length))]
            return Response(
                status: .ok, headers: [.contentType: "application/octet-stream", .contentLength: String(slice.count)],
                body: .init(byteBuffer: ByteBuffer(bytes: slice)))
        case ("PUT", "CREATE"):
            let overwrite = query.first { $0.0 == "overwrite" }?.1.lowercased() == "true"
            let existing = withState { core, _ in core.hdfs.entry(path) }
            if let existing, existing.isDirectory { return WebHDFSFailure.alreadyExists(path, directory: true).response }
            if existing != nil && !overwrite { return WebHDFSFailure.alreadyExists(path, directory: false).response }
            guard isDataNode else {
                return Responses.text(.temporaryRedirect, "", headers: [.location: dataNodeURL])
            }
            let body = (try? await request.collectBody(upTo: 16 * 1024 * 1024)).map { Array($0.readableBytesView) } ?? []
            let result = withState { core, now in core.hdfs.write(path, bytes: body, overwrite: overwrite, owner: user, at: now) }
            if case let .failure(failure) = result { return WebHDFSFailure.from(failure).response }
            return Response(
                status: .created,
                headers: [.location: "hdfs://\(Self.authority(of: selfBase))\(path)", .contentLength: "0"], body: .init())
        case ("PUT", "MKDIRS"):
            let result = withState { core, now in core.hdfs.mkdirs(path, owner: user, at: now) }
            if case let .failure(failure) = result { return WebHDFSFailure.from(failure).response }
            return Responses.json(.ok, .object([("boolean", .bool(true))]))
        case ("DELETE", "DELETE"):
            let recursive = query.first { $0.0 == "recursive" }?.1.lowercased() == "true"
            let result = withState { core, _ in core.hdfs.delete(path, recursive: recursive) }
            switch result {
            case let .success(deleted): return Responses.json(.ok, .object([("boolean", .bool(deleted))]))
            case let .failure(failure): return WebHDFSFailure.from(failure).response
            }
        default:
            return WebHDFSFailure.badOperation(op, method: method).response
        }
    }

    /// One `FileStatus` object, as the NameNode writes it (`pathSuffix` empty for the path itself).
    static func fileStatus(_ entry: HDFSStore.Entry, name: String, in store: HDFSStore, path: String) -> JSONValue {
        let ms = Int64((entry.modified * 1000).rounded(.down))
        let isDirectory = entry.isDirectory
        return .object([
            ("pathSuffix", .string(name)), ("type", .string(isDirectory ? "DIRECTORY" : "FILE")),
            ("length", .int(Int64(entry.bytes?.count ?? 0))), ("modificationTime", .int(ms)), ("owner", .string(entry.owner)),
            ("group", .string("hadoop")), ("permission", .string(isDirectory ? "755" : "644")),
            ("replication", .int(isDirectory ? 0 : 1)), ("blockSize", .int(isDirectory ? 0 : 134_217_728)),
            ("accessTime", .int(isDirectory ? 0 : ms)), ("fileId", .int(Int64(entry.fileId))),
            ("childrenNum", .int(Int64(isDirectory ? store.children(of: path).count : 0))), ("storagePolicy", .int(0)),
        ])
    }
}
