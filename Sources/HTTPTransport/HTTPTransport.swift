import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import SparkDeployCore
import Synchronization

/// Sends ``HTTPRequest``s over real HTTP(S) with time limits, no redirects followed, and
/// typed failures. One instance may be shared by any number of tasks.
///
/// Redirects are never followed: a YARN standby answers 307 and the YARN client decides
/// where to re-send (and re-sends PUT bodies itself); AWS never redirects API calls.
public final class HTTPTransport: Sendable {
    /// The settings every request uses.
    public let configuration: TransportConfiguration
    private let client: HTTPClient

    /// Creates a transport. Clients are pooled per configuration for the life of the process,
    /// so creating many transports is cheap and none needs shutting down.
    public init(configuration: TransportConfiguration = TransportConfiguration()) throws(TransportError) {
        self.configuration = configuration
        self.client = try ClientPool.shared.client(for: configuration)
    }

    /// How many HTTP clients (connection pools) the process holds: one per connect timeout and
    /// trust setting, however many transports exist. For diagnostics and tests.
    public static var pooledClientCount: Int { ClientPool.shared.count }

    /// Sends `request` and collects the whole response.
    ///
    /// - Throws: ``TransportError`` when no complete response arrived; HTTP error statuses are
    ///   returned, not thrown.
    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = .init(rawValue: request.method)
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if !request.body.isEmpty {
            outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        }
        let limit = max(0.001, request.timeout ?? configuration.requestTimeout)
        let client = self.client
        let maxBytes = request.maxResponseBytes ?? configuration.maxResponseBytes
        let prepared = outgoing
        // AsyncHTTPClient's deadline stops at the response head; a server that sends headers
        // (or half a body) and then goes quiet would hold `collect` forever. So the whole
        // exchange, body included, runs in a task that a timer on the event loop cancels at the
        // deadline. (Not `Task.sleep` in a task group: a cancelled sleep keeps its dispatch timer
        // until the deadline, so every request would leave one behind for `limit` seconds.)
        let headStatus = Atomic<Int>(0)  // set once the response head is in: the server has answered
        let exchange = Task { () async throws -> HTTPResponse in
            let response = try await client.execute(prepared, timeout: .milliseconds(Int64(limit * 1000)))
            headStatus.store(Int(response.status.code), ordering: .relaxed)
            let headers = response.headers.map { (name: $0.name, value: $0.value) }
            let bytes = try await Self.collect(response.body, upTo: maxBytes, expected: response.headers.first(name: "Content-Length"))
            return HTTPResponse(status: Int(response.status.code), headers: headers, body: bytes)
        }
        let expired = Atomic<Bool>(false)
        let timer = client.eventLoopGroup.next().scheduleTask(in: .milliseconds(Int64(limit * 1000))) {
            expired.store(true, ordering: .relaxed)
            exchange.cancel()
        }
        defer { timer.cancel() }
        do {
            return try await withTaskCancellationHandler {
                try await exchange.value
            } onCancel: {
                exchange.cancel()
            }
        } catch {
            var failure = Self.classify(
                expired.load(ordering: .relaxed) ? HTTPClientError.deadlineExceeded : error,
                request: request)
            if failure.kind == .responseTooLarge {
                failure.detail = "response body larger than the limit of \(maxBytes) bytes (\(maxBytes >> 20) MiB); reading stopped"
            }
            let status = headStatus.load(ordering: .relaxed)
            failure.responseStatus = status > 0 ? status : nil
            throw failure
        }
    }

    /// Reads a response body into one array, chunk by chunk, stopping past `maxBytes`
    /// (`NIOTooManyBytesError`, as `collect(upTo:)` throws).
    ///
    /// Not `collect(upTo:)` and a copy out of its buffer: for a 35 MB app list that held the body
    /// twice at once, and the peak memory of a search among 20,000 apps was 2.8× the payload.
    /// Room for a declared `Content-Length` (within the limit) is reserved up front, so the array
    /// never regrows either.
    static func collect(_ body: HTTPClientResponse.Body, upTo maxBytes: Int, expected contentLength: String?) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        if let declared = contentLength.flatMap({ Int($0) }), declared > 0 { bytes.reserveCapacity(min(declared, maxBytes)) }
        for try await chunk in body {
            guard bytes.count + chunk.readableBytes <= maxBytes else { throw NIOTooManyBytesError(maxBytes: maxBytes) }
            chunk.withUnsafeReadableBytes { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    /// Maps the many error types of the HTTP stack onto ``TransportError/Kind``.
    static func classify(_ error: any Error, request: HTTPRequest) -> TransportError {
        let detail = String(describing: error)
        func make(_ kind: TransportError.Kind) -> TransportError {
            TransportError(kind: kind, method: request.method, endpoint: request.url, detail: detail)
        }
        if error is CancellationError { return make(.cancelled) }
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout, .socksHandshakeTimeout, .httpProxyHandshakeTimeout, .tlsHandshakeTimeout:
                return make(.connectionFailed)
            case .readTimeout, .writeTimeout, .deadlineExceeded:
                return make(.timedOut)
            case .cancelled:
                return make(.cancelled)
            case .remoteConnectionClosed:
                return make(.connectionLost)
            case .invalidURL, .emptyHost, .emptyScheme, .missingSocketPath:
                return make(.invalidURL)
            default:
                return make(.other)
            }
        }
        if error is NIOSSLError || error is BoringSSLError { return make(.tls) }
        if error is NIOTooManyBytesError { return make(.responseTooLarge) }
        if error is NIOConnectionError { return make(.connectionFailed) }
        if let io = error as? IOError {
            switch io.errnoCode {
            case ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, EADDRNOTAVAIL: return make(.connectionFailed)
            case ECONNRESET, EPIPE: return make(.connectionLost)
            default: return make(.other)
            }
        }
        if let channel = error as? ChannelError {
            switch channel {
            case .connectTimeout: return make(.connectionFailed)
            case .eof, .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed: return make(.connectionLost)
            default: return make(.other)
            }
        }
        let text = detail.lowercased()
        if text.contains("connection refused") || text.contains("connect(") { return make(.connectionFailed) }
        if text.contains("reset") { return make(.connectionLost) }
        return make(.other)
    }
}

/// One `HTTPClient` per connection setting, kept for the life of the process (an `HTTPClient`
/// must be shut down before it is released; keeping them avoids that for every caller).
///
/// Keyed by what the client itself is built from (connect timeout, trust), not by per-request
/// settings: a script that connects with a hundred different request timeouts shares one client.
private final class ClientPool: Sendable {
    static let shared = ClientPool()
    private let clients = Mutex<[Key: HTTPClient]>([:])

    /// The settings an `HTTPClient` is built from.
    private struct Key: Hashable {
        let connectTimeout: Double
        let caBundlePath: String?
        let insecureSkipVerify: Bool

        init(_ configuration: TransportConfiguration) {
            connectTimeout = configuration.connectTimeout
            caBundlePath = configuration.caBundlePath
            insecureSkipVerify = configuration.insecureSkipVerify
        }
    }

    /// How many clients exist.
    var count: Int { clients.withLock { $0.count } }

    func client(for configuration: TransportConfiguration) throws(TransportError) -> HTTPClient {
        do {
            return try clients.withLock { pool in
                let key = Key(configuration)
                if let existing = pool[key] { return existing }
                let made = try Self.make(configuration)
                pool[key] = made
                return made
            }
        } catch let error as TransportError {
            throw error
        } catch {
            throw TransportError(
                kind: .tls, method: "-", endpoint: configuration.caBundlePath ?? "-",
                detail: String(describing: error))
        }
    }

    private static func make(_ configuration: TransportConfiguration) throws -> HTTPClient {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let path = configuration.caBundlePath {
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw TransportError(kind: .tls, method: "-", endpoint: path, detail: "CA bundle file is not readable")
            }
            let certificates = try NIOSSLCertificate.fromPEMFile(path)
            tls.additionalTrustRoots = [.certificates(certificates)]
        }
        if configuration.insecureSkipVerify {
            tls.certificateVerification = .none
        }
        var config = HTTPClient.Configuration(
            tlsConfiguration: tls,
            redirectConfiguration: .disallow,
            timeout: .init(connect: .milliseconds(Int64(max(0.001, configuration.connectTimeout) * 1000)))
        )
        config.decompression = .disabled
        config.httpVersion = .http1Only
        // A refused connection fails now, as `connectionFailed` (so a mutation is known not to have
        // been sent), instead of being retried silently until the connect timeout and reported as a
        // time-out: the YARN and AWS clients retry with their own logged policy, and an HA client
        // moves on to the next ResourceManager at once.
        config.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
    }
}
