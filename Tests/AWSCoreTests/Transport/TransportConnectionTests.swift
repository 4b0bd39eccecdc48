import Foundation
import HTTPTransport
import Testing

@Suite("A refused connection fails at once, as a connection failure")
struct RefusedConnectionTests {
    /// A loopback port nothing listens on (bound, then closed).
    static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test("kind connectionFailed (so a mutation is known not to have been sent), not a time-out after the connect timeout")
    func refused() async throws {
        let port = try Self.closedPort()
        let transport = try HTTPTransport(configuration: TransportConfiguration(connectTimeout: 8))
        let started = ContinuousClock.now
        do {
            _ = try await transport.send(HTTPRequest(method: "PUT", url: "http://127.0.0.1:\(port)/ws/v1/cluster/apps/x/state"))
            Issue.record("a request to a closed port succeeded")
        } catch {
            #expect(error.kind == .connectionFailed, "\(error)")
            #expect(!error.mayHaveReachedServer)
            #expect(String(describing: error).contains("127.0.0.1:\(port)"))
        }
        // The old behaviour retried the connection silently until the 8 s connect timeout, then reported a time-out.
        #expect(ContinuousClock.now - started < .seconds(4))
    }
}

@Suite("HTTP clients are shared by connection setting", .serialized)
struct ClientPoolTests {
    @Test("transports that differ only in request timeout or size limit share one client")
    func requestSettingsShareAClient() throws {
        // A connect timeout no other test uses, so the first transport makes exactly one new client.
        let connect = 7.25
        let before = HTTPTransport.pooledClientCount
        for i in 1...50 {
            _ = try HTTPTransport(
                configuration: TransportConfiguration(
                    connectTimeout: connect, requestTimeout: Double(i),
                    maxResponseBytes: 1 << (10 + i % 10)))
        }
        #expect(HTTPTransport.pooledClientCount == before + 1)
        // A different connect timeout is a different client.
        _ = try HTTPTransport(configuration: TransportConfiguration(connectTimeout: connect + 1))
        #expect(HTTPTransport.pooledClientCount == before + 2)
    }
}
