import NIOCore
import NIOPosix
import Synchronization

/// A real HTTP/1.1 server on `127.0.0.1` (port 0) that answers every request with whatever raw bytes
/// its responder returns: broken framing, lying `Content-Length`, connections closed mid-body or left
/// hanging. Built on SwiftNIO directly (no HTTP codec), so nothing "fixes" the bytes on the way out.
///
/// ```swift
/// let server = try await HostileServer.start()
/// server.respond { _ in .http(status: 200, body: Array("{\"apps\":".utf8)) }   // truncated JSON
/// // … point a client at server.baseURL …
/// await server.stop()
/// ```
public final class HostileServer: Sendable {
    /// The bound port.
    public let port: Int
    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    let shared: Shared
    private let channel: any Channel

    /// State the connection handlers share with the test: the responder, requests seen, open connections.
    final class Shared: Sendable {
        let responder = Mutex<@Sendable (HostileRequest) -> HostileResponse>({ _ in .http(status: 404, body: []) })
        let requests = Mutex<[HostileRequest]>([])
        let connections = Mutex<[ObjectIdentifier: any Channel]>([:])
    }

    private init(port: Int, shared: Shared, channel: any Channel) {
        self.port = port
        self.shared = shared
        self.channel = channel
    }

    /// Binds `127.0.0.1:0` and starts serving (404 with an empty body until ``respond(_:)`` is called).
    /// - Throws: NIO's bind errors.
    public static func start() async throws -> HostileServer {
        let shared = Shared()
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                shared.connections.withLock { $0[ObjectIdentifier(channel)] = channel }
                channel.closeFuture.whenComplete { _ in
                    _ = shared.connections.withLock { $0.removeValue(forKey: ObjectIdentifier(channel)) }
                }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(HostileConnectionHandler(shared: shared))
                }
            }
        let channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        guard let port = channel.localAddress?.port else {
            try? await channel.close()
            throw HostileServerError(reason: "bound channel has no local port")
        }
        return HostileServer(port: port, shared: shared, channel: channel)
    }

    /// Replaces the responder; every later request (on any connection) is answered by `responder`.
    public func respond(_ responder: @escaping @Sendable (HostileRequest) -> HostileResponse) {
        shared.responder.withLock { $0 = responder }
    }

    /// Every request received so far, oldest first.
    public var requests: [HostileRequest] { shared.requests.withLock { $0 } }

    /// How many requests were received so far.
    public var requestCount: Int { shared.requests.withLock { $0.count } }

    /// Connections currently open (stalled ones included).
    public var openConnections: Int { shared.connections.withLock { $0.count } }

    /// Closes the listening socket and every open connection.
    public func stop() async {
        try? await channel.close()
        let open = shared.connections.withLock { Array($0.values) }
        for connection in open { try? await connection.close() }
    }
}

/// Why the hostile server could not start.
public struct HostileServerError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var reason: String
    /// `hostile server: …`.
    public var description: String { "hostile server: \(reason)" }
}
