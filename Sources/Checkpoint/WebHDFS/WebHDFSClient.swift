import Foundation
import HTTPTransport
import Logging
import SparkDeployCore
import Synchronization

/// A small client of the Hadoop WebHDFS REST API (`/webhdfs/v1/<path>?op=…&user.name=…`): `LISTSTATUS`,
/// `GETFILESTATUS`, `OPEN` and `CREATE` (both following the NameNode's 307 to a DataNode), `MKDIRS`, `DELETE`.
///
/// NameNode HA: the base URLs are tried in order; a refused connection or a `StandbyException` moves on to
/// the next, and the one that answered as active is tried first next time. Idempotent reads are retried
/// with backoff on time-outs, lost connections and 5xx; writes are sent once per NameNode. Every answer is
/// read with a size limit.
public final class WebHDFSClient: Sendable {
    /// The NameNodes' WebHDFS base URLs (`http://nn1:9870`), in the order tried.
    public let baseURLs: [String]
    /// The simple-auth user sent as `user.name`, or `nil` to send none.
    public let user: String?
    /// The HTTP transport.
    public let transport: HTTPTransport
    /// The clock retry waits sleep on.
    public let clock: any DeployClock
    /// Attempts of an idempotent read before giving up.
    public let maxAttempts: Int
    /// The backoff between attempts.
    public let backoff: Backoff
    /// Time limit of one request, in seconds.
    public let requestTimeout: Double
    /// Where requests are logged (at debug level, URLs redacted).
    public let logger: Logger
    private let active = Mutex<Int>(0)

    /// Creates a client.
    /// - Parameters:
    ///   - baseURLs: one URL per NameNode, tried in order; must not be empty.
    ///   - user: `user.name` for simple auth.
    ///   - transport: the HTTP transport.
    ///   - clock: the clock retry waits sleep on.
    ///   - maxAttempts: attempts of an idempotent read (at least 1).
    ///   - backoff: the delay between attempts.
    ///   - requestTimeout: time limit of one request, in seconds.
    ///   - logger: where requests are logged.
    /// - Throws: ``WebHDFSError`` when `baseURLs` is empty or holds something that is not an http(s) URL.
    public init(
        baseURLs: [String], user: String?, transport: HTTPTransport, clock: any DeployClock = SystemClock(),
        maxAttempts: Int = 3, backoff: Backoff = Backoff(base: 0.5, cap: 5), requestTimeout: Double = 30,
        logger: Logger = Logger(label: "webhdfs")
    ) throws(WebHDFSError) {
        let cleaned = baseURLs.map { url -> String in
            var url = url.trimmingCharacters(in: .whitespaces)
            while url.hasSuffix("/") { url.removeLast() }
            if url.hasSuffix("/webhdfs/v1") { url.removeLast("/webhdfs/v1".count) }
            return url
        }.filter { !$0.isEmpty }
        guard !cleaned.isEmpty else {
            throw WebHDFSError(kind: .badResponse, operation: "configure", url: "-", message: "no WebHDFS URL given")
        }
        for url in cleaned where !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
            throw WebHDFSError(
                kind: .badResponse, operation: "configure", url: url,
                message: "a WebHDFS URL is http(s)://namenode:port (the NameNode's HTTP address, 9870 by default)")
        }
        self.baseURLs = cleaned
        self.user = user.flatMap { $0.isEmpty ? nil : $0 }
        self.transport = transport
        self.clock = clock
        self.maxAttempts = max(1, maxAttempts)
        self.backoff = backoff
        self.requestTimeout = requestTimeout
        self.logger = logger
    }

    /// The URL of `operation` on `path` at NameNode `base`: `{base}/webhdfs/v1{path}?op=…&user.name=…`.
    func url(base: String, path: String, operation: String, query: [(String, String)]) -> String {
        let encodedPath = path.addingPercentEncoding(withAllowedCharacters: Self.pathCharacters) ?? path
        var parameters = [("op", operation)] + query
        if let user { parameters.append(("user.name", user)) }
        let rendered = parameters.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: Self.valueCharacters) ?? $0.1)" }
        return "\(base)/webhdfs/v1\(encodedPath)?" + rendered.joined(separator: "&")
    }

    private static let pathCharacters: CharacterSet = {
        var set = CharacterSet.alphanumerics
        set.insert(charactersIn: "/-._~!$'()*,;=:@")
        return set
    }()

    private static let valueCharacters: CharacterSet = {
        var set = CharacterSet.alphanumerics
        set.insert(charactersIn: "-._~")
        return set
    }()

    /// Sends `operation` to the active NameNode and returns its answer (any status but a standby's).
    ///
    /// A refused connection or a `StandbyException` moves to the next NameNode; when `idempotent`, time-outs,
    /// lost connections and 5xx answers are retried (up to ``maxAttempts`` rounds, with ``backoff``).
    /// - Throws: ``WebHDFSError`` `unreachable` naming every NameNode tried and why.
    func send(
        _ operation: String, method: String, path: String, query: [(String, String)] = [],
        limit: Int, idempotent: Bool
    ) async throws(WebHDFSError) -> HTTPResponse {
        var problems: [String] = []
        var lastURL = baseURLs[0]
        for attempt in 1...maxAttempts {
            let first = active.withLock { $0 }
            var retryable = false
            for offset in 0..<baseURLs.count {
                let index = (first + offset) % baseURLs.count
                let target = url(base: baseURLs[index], path: path, operation: operation, query: query)
                lastURL = target
                let request = HTTPRequest(method: method, url: target, timeout: requestTimeout, maxResponseBytes: limit)
                logger.debug("webhdfs request", metadata: ["op": "\(operation)", "url": "\(Redactor.maskingUserInfo(inURL: target))"])
                let response: HTTPResponse
                do {
                    response = try await transport.send(request)
                } catch {
                    if error.kind == .cancelled {
                        throw WebHDFSError(kind: .unreachable, operation: operation, url: target, message: "cancelled")
                    }
                    if error.kind == .responseTooLarge {
                        throw WebHDFSError(kind: .badResponse, operation: operation, url: target, message: error.detail)
                    }
                    problems.append("\(Self.host(of: baseURLs[index])): \(error.kind.rawValue)")
                    if error.kind == .connectionFailed { continue }  // never reached: try the next NameNode
                    if idempotent && error.isTransient {
                        retryable = true
                        continue
                    }
                    throw WebHDFSError(kind: .unreachable, operation: operation, url: target, message: "\(error)")
                }
                if let remote = WebHDFSRemoteException.decode(response.body),
                    remote.exception == "StandbyException"
                        || remote.javaClassName?.hasSuffix("StandbyException") == true
                {
                    problems.append("\(Self.host(of: baseURLs[index])): standby")
                    continue
                }
                if response.status >= 500 && idempotent {
                    problems.append("\(Self.host(of: baseURLs[index])): HTTP \(response.status)")
                    retryable = true
                    continue
                }
                active.withLock { $0 = index }
                return response
            }
            guard retryable, attempt < maxAttempts, !Task.isCancelled else { break }
            do {
                try await clock.sleep(seconds: backoff.delay(afterAttempt: attempt))
            } catch {
                throw WebHDFSError(kind: .unreachable, operation: operation, url: lastURL, message: "cancelled")
            }
        }
        let allStandby = !problems.isEmpty && problems.allSatisfy { $0.hasSuffix(": standby") }
        throw WebHDFSError(
            kind: .unreachable, operation: operation, url: lastURL,
            message: (allStandby ? "no active NameNode (every one answered StandbyException)" : "no NameNode answered")
                + " [" + problems.suffix(8).joined(separator: "; ") + "]")
    }

    /// Follows a NameNode's 307 to the DataNode URL in its `Location` and sends `method` there with `body`.
    func followRedirect(
        _ operation: String, from response: HTTPResponse, method: String, body: [UInt8], limit: Int, path: String
    ) async throws(WebHDFSError) -> HTTPResponse {
        guard let location = response.header("Location"), location.hasPrefix("http://") || location.hasPrefix("https://") else {
            throw WebHDFSError(
                kind: .badResponse, operation: operation, url: path, status: response.status,
                message: "a redirect without a DataNode Location")
        }
        let request = HTTPRequest(method: method, url: location, body: body, timeout: requestTimeout, maxResponseBytes: limit)
        do {
            return try await transport.send(request)
        } catch {
            throw WebHDFSError(
                kind: error.kind == .responseTooLarge ? .badResponse : .unreachable, operation: operation, url: location,
                message: "DataNode: \(error)")
        }
    }

    /// The error an answer with status `response.status` means for `operation` on `url`.
    static func failure(_ operation: String, url: String, response: HTTPResponse) -> WebHDFSError {
        let remote = WebHDFSRemoteException.decode(response.body)
        let kind: WebHDFSError.Kind
        switch (response.status, remote?.exception ?? "") {
        case (404, _), (_, "FileNotFoundException"): kind = .notFound
        case (401, _), (403, _), (_, "AccessControlException"), (_, "SecurityException"): kind = .forbidden
        case (500..., _): kind = .unreachable
        default: kind = .badResponse
        }
        return WebHDFSError(
            kind: kind, operation: operation, url: url, status: response.status, exception: remote?.exception,
            message: remote?.message ?? (response.body.isEmpty ? "no body" : response.excerpt(limit: 200)))
    }

    static func host(of url: String) -> String {
        URLComponents(string: url).map { "\($0.host ?? "?")" + ($0.port.map { ":\($0)" } ?? "") } ?? url
    }
}
