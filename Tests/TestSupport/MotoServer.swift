import Foundation
import HTTPTransport

/// `python -m moto.server` (the peers' virtualenv) on a free loopback port for one test; readiness is awaited by polling.
public final class MotoServer: Sendable {
    public let port: Int
    private let process: Process
    public var endpoint: String { "http://127.0.0.1:\(port)" }

    private init(port: Int, process: Process) {
        self.port = port
        self.process = process
    }

    /// Starts moto's server; throws ``Peers/Missing`` when moto does not work (see ``Peers``).
    public static func start() async throws -> MotoServer {
        try Peers.require(.moto)
        let port = try FreePort.pick()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [Peers.python, "-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let server = MotoServer(port: port, process: process)
        let transport = try HTTPTransport(configuration: TransportConfiguration(connectTimeout: 1, requestTimeout: 2))
        for _ in 0..<300 {
            if !process.isRunning { break }
            if let response = try? await transport.send(HTTPRequest(method: "GET", url: server.endpoint + "/moto-api/data.json")),
                response.status == 200
            {
                return server
            }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        server.stop()
        throw MotoStartError()
    }

    /// Kills the server (moto's werkzeug server ignores SIGTERM) without blocking a concurrency thread.
    public func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
    }

    struct MotoStartError: Error, CustomStringConvertible {
        var description: String { "moto server did not become ready" }
    }
}

/// Picks a free TCP port on 127.0.0.1 by binding port 0.
public enum FreePort {
    struct Failure: Error {}

    public static func pick() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure() }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw Failure() }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw Failure() }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
