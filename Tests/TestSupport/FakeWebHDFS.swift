import Foundation
import Synchronization

/// A NameNode (and its DataNode, on the same listener) answering the real WebHDFS REST API over a
/// ``HostileServer``, from an in-memory file tree: `LISTSTATUS`, `GETFILESTATUS`, `OPEN` and `CREATE` as the
/// two-step 307 → DataNode exchange (`&datanode=true&offset=0` added), `MKDIRS`, `DELETE`, with Hadoop's
/// exact JSON and `RemoteException`s. ``standby()`` makes a NameNode that only answers `StandbyException`.
public final class FakeWebHDFS: Sendable {
    /// The server.
    public let server: HostileServer
    /// `http://127.0.0.1:<port>`: the WebHDFS base URL.
    public var baseURL: String { server.baseURL }
    private let files = Mutex<[String: [UInt8]]>([:])
    private let users = Mutex<[String]>([])

    private init(server: HostileServer) { self.server = server }

    /// Starts an active NameNode with no files.
    public static func start() async throws -> FakeWebHDFS {
        let fake = FakeWebHDFS(server: try await HostileServer.start())
        let base = fake.server.baseURL
        fake.server.respond { [fake] request in fake.answer(request, base: base) }
        return fake
    }

    /// Starts a NameNode in standby: every request gets 403 `StandbyException`.
    public static func standby() async throws -> HostileServer {
        let server = try await HostileServer.start()
        server.respond { _ in
            .http(
                status: 403,
                body: Array(
                    (#"{"RemoteException":{"exception":"StandbyException","javaClassName":"org.apache.hadoop.ipc.StandbyException","#
                        + #""message":"Operation category READ is not supported in state standby. Visit https://s.apache.org/sbnn-error"}}"#)
                        .utf8))
        }
        return server
    }

    /// Puts a file at absolute `path`.
    public func put(_ path: String, _ text: String) { files.withLock { $0[path] = Array(text.utf8) } }

    /// The file at `path`, or `nil`.
    public func file(_ path: String) -> String? { files.withLock { $0[path] }.map { String(decoding: $0, as: UTF8.self) } }

    /// Every `user.name` sent, in order.
    public var userNames: [String] { users.withLock { $0 } }

    /// Stops the server.
    public func stop() async { await server.stop() }

    private func answer(_ request: HostileRequest, base: String) -> HostileResponse {
        let components = URLComponents(string: "http://x" + request.target)
        let rawPath = components?.percentEncodedPath ?? ""
        guard rawPath.hasPrefix("/webhdfs/v1") else { return .http(status: 404, body: []) }
        var path = String(rawPath.dropFirst("/webhdfs/v1".count)).removingPercentEncoding ?? ""
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        let query = Dictionary((components?.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { a, _ in a })
        if let user = query["user.name"] { users.withLock { $0.append(user) } }
        let onDataNode = query["datanode"] == "true"
        let redirect = "\(base)\(rawPath)?\(components?.percentEncodedQuery ?? "")&datanode=true&offset=0"
        switch (request.method, query["op"]?.uppercased() ?? "") {
        case ("GET", "LISTSTATUS"):
            let (children, isFile) = listing(path)
            if isFile, let status = status(path, name: "") { return json(200, #"{"FileStatuses":{"FileStatus":[\#(status)]}}"#) }
            guard let children else { return notFound(path) }
            return json(200, #"{"FileStatuses":{"FileStatus":[\#(children.joined(separator: ","))]}}"#)
        case ("GET", "GETFILESTATUS"):
            guard let status = status(path, name: "") else { return notFound(path) }
            return json(200, #"{"FileStatus":\#(status)}"#)
        case ("GET", "OPEN"):
            guard let bytes = files.withLock({ $0[path] }) else { return notFound(path) }
            if !onDataNode { return .http(status: 307, contentType: nil, headers: [("Location", redirect)], body: []) }
            return .http(status: 200, contentType: "application/octet-stream", body: bytes)
        case ("PUT", "CREATE"):
            if !onDataNode { return .http(status: 307, contentType: nil, headers: [("Location", redirect)], body: []) }
            files.withLock { $0[path] = request.body }
            return .http(status: 201, contentType: nil, headers: [("Location", "hdfs://127.0.0.1:8020\(path)")], body: [])
        case ("PUT", "MKDIRS"):
            return json(200, #"{"boolean":true}"#)
        case ("DELETE", "DELETE"):
            let existed = files.withLock { tree in
                let doomed = tree.keys.filter { $0 == path || (query["recursive"] == "true" && $0.hasPrefix(path + "/")) }
                for key in doomed { tree.removeValue(forKey: key) }
                return !doomed.isEmpty
            }
            return json(200, #"{"boolean":\#(existed)}"#)
        default:
            return json(
                400,
                #"{"RemoteException":{"exception":"IllegalArgumentException","javaClassName":"java.lang.IllegalArgumentException","message":"Invalid value for webhdfs parameter \"op\""}}"#
            )
        }
    }

    /// The statuses of `path`'s children (files and implied directories), or nil; and whether `path` is a file.
    private func listing(_ path: String) -> (children: [String]?, isFile: Bool) {
        let tree = files.withLock { $0 }
        if tree[path] != nil { return (nil, true) }
        let prefix = path == "/" ? "/" : path + "/"
        var names = Set<String>()
        for key in tree.keys where key.hasPrefix(prefix) {
            if let first = key.dropFirst(prefix.count).split(separator: "/").first { names.insert(String(first)) }
        }
        guard !names.isEmpty else { return (nil, false) }
        return (names.sorted().compactMap { status(prefix + $0, name: $0) }, false)
    }

    private func status(_ path: String, name: String) -> String? {
        let tree = files.withLock { $0 }
        let type: String
        let length: Int
        if let bytes = tree[path] {
            type = "FILE"
            length = bytes.count
        } else if tree.keys.contains(where: { $0.hasPrefix(path + "/") }) {
            type = "DIRECTORY"
            length = 0
        } else {
            return nil
        }
        return #"{"pathSuffix":"\#(name)","type":"\#(type)","length":\#(length),"modificationTime":1700000000000,"owner":"hadoop","#
            + #""group":"hadoop","permission":"644","replication":1,"blockSize":134217728,"accessTime":1700000000000,"fileId":16386,"#
            + #""childrenNum":0,"storagePolicy":0}"#
    }

    private func json(_ status: Int, _ text: String) -> HostileResponse { .http(status: status, body: Array(text.utf8)) }

    private func notFound(_ path: String) -> HostileResponse {
        json(
            404,
            #"{"RemoteException":{"exception":"FileNotFoundException","javaClassName":"java.io.FileNotFoundException","message":"File does not exist: \#(path)"}}"#
        )
    }
}
