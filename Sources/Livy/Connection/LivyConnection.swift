import Foundation
import HTTPTransport
import SparkDeployCore

/// Where a Livy server is and how to talk to it: base URL, HTTP Basic credentials, the CSRF header,
/// time limits, retries and the polling schedule of waits.
public struct LivyConnection: Sendable, Equatable {
    /// The server's base URL without credentials or trailing slash, e.g. `http://edge-1:8998`.
    public var baseURL: String
    /// HTTP Basic credentials (Livy's LDAP authentication, or a Knox gateway), if any.
    public var credentials: LivyCredentials?
    /// The value of the `X-Requested-By` header sent with every request (Livy's CSRF protection refuses
    /// POST and DELETE without it).
    public var requestedBy: String
    /// Time limits, TLS trust and the response size cap.
    public var transport: TransportConfiguration
    /// How reads and deletes are retried, and how often a creation is re-sent after it was checked.
    public var retry: LivyRetryPolicy
    /// The polling schedule of ``LivyClient/awaitAppId(batchId:timeout:)`` and ``LivyClient/awaitState(batchId:states:timeout:)``.
    public var poll: AdaptivePoll

    /// The environment variable holding the default server URL.
    public static let environmentVariable = "SPARKDEPLOY_LIVY_URL"

    /// Creates a connection from a URL; `user:password@` in it becomes ``credentials`` (percent-decoded) and
    /// is removed from ``baseURL``.
    /// - Throws: ``LivyError`` (`configuration`) for an empty URL or one that is not `http://` or `https://`.
    public init(
        url: String, credentials: LivyCredentials? = nil, requestedBy: String = "sparkdeploy",
        transport: TransportConfiguration = TransportConfiguration(), retry: LivyRetryPolicy = LivyRetryPolicy(),
        poll: AdaptivePoll = AdaptivePoll(initial: 0.5, factor: 1.5, maximum: 2)
    ) throws(LivyError) {
        let trimmed = url.trimmingCharacters(in: .whitespaces)
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else {
            throw LivyError(
                .configuration, operation: "configure", endpoint: trimmed,
                message: "the Livy URL must be http(s)://host[:port][/path], got '\(Redactor.maskingUserInfo(inURL: trimmed))'")
        }
        var stripped = components
        stripped.user = nil
        stripped.password = nil
        stripped.query = nil
        stripped.fragment = nil
        var base = stripped.string ?? trimmed
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        if let credentials {
            self.credentials = credentials
        } else if let user = components.user {
            self.credentials = LivyCredentials(
                user: user.removingPercentEncoding ?? user,
                password: (components.password ?? "").removingPercentEncoding ?? components.password ?? "")
        } else {
            self.credentials = nil
        }
        self.requestedBy = requestedBy
        self.transport = transport
        self.retry = retry
        self.poll = poll
    }

    /// The connection `explicit` names, else `$SPARKDEPLOY_LIVY_URL`.
    /// - Throws: ``LivyError`` (`configuration`) when neither gives a URL, or the URL is not usable.
    public static func resolve(explicit: String?, environment: [String: String]) throws(LivyError) -> LivyConnection {
        let chosen = [explicit, environment[environmentVariable]].compactMap { $0 }
            .first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard let chosen else {
            throw LivyError(
                .configuration, operation: "configure",
                message: "no Livy server: pass a URL, --livy URL or set $\(environmentVariable)")
        }
        return try LivyConnection(url: chosen)
    }
}

/// HTTP Basic credentials for a Livy server; the password never appears in a log, an error or a trace.
public struct LivyCredentials: Sendable, Equatable, CustomStringConvertible {
    /// The user.
    public var user: String
    /// The password.
    public var password: String

    /// Creates credentials.
    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }

    /// The `Authorization` header value.
    var header: String { "Basic " + Data("\(user):\(password)".utf8).base64EncodedString() }

    /// Registers the password and the header's token with the process-wide redactor.
    func registerSecrets() {
        if !password.isEmpty { Redactor.shared.register(secret: password) }
        Redactor.shared.register(secret: Data("\(user):\(password)".utf8).base64EncodedString())
    }

    /// `basic(user: alice)`: never the password.
    public var description: String { "basic(user: \(user))" }
}

/// How the Livy client retries: reads and deletes on 5xx, 429 and connection problems; a creation only
/// after it checked that the failed attempt created nothing.
public struct LivyRetryPolicy: Sendable, Equatable {
    /// Attempts in total, the first included.
    public var maxAttempts: Int
    /// The delay schedule.
    public var backoff: Backoff

    /// Creates a policy; the default is 4 attempts, backoff 0.5 s doubling to 8 s.
    public init(maxAttempts: Int = 4, backoff: Backoff = Backoff(base: 0.5, cap: 8)) {
        self.maxAttempts = max(1, maxAttempts)
        self.backoff = backoff
    }
}
