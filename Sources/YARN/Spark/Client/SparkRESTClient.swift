import Foundation
import HTTPTransport
import Logging
import SparkDeployCore
import Synchronization

/// An async client of a Spark driver's monitoring REST API (`/api/v1/applications/{appId}/…`): `jobs`,
/// `stages`, `executors`, `streaming/statistics`, `sql`, and a normalised ``SparkProgress``.
///
/// Two routes to the driver:
/// - **Through the ResourceManager's web proxy** (``init(rm:applicationId:maxResponseBytes:maxRedirects:)``):
///   `{rm}/proxy/{appId}/api/v1/applications/{appId}/…`, with the RM client's endpoints (HA: the active RM
///   first, then the others), auth, extra headers, `hadoop.auth` cookie, TLS, retry policy and clock.
/// - **Direct** (``init(driverURL:applicationId:headers:transport:retry:clock:logger:maxResponseBytes:maxRedirects:)``):
///   a driver UI base URL (`http://host:4040`), for tests and clusters whose proxy is out of reach.
///
/// Redirects (the proxy may send a running app to its driver, a finished one to the history server, a
/// standby RM to the active one) are followed deliberately: at most ``maxRedirects`` hops, never to a
/// URL already visited (a loop is an error), never from https to http, and credentials (auth headers,
/// extra headers, the cookie) go only to the hosts the client was configured with.
/// Bodies are capped at ``maxResponseBytes``.
public final class SparkRESTClient: Sendable {
    /// Where requests go first.
    public enum Route: Sendable, Equatable {
        /// Through the RM web proxy of these endpoints (the active one first).
        case proxy(endpoints: [RMEndpoint])
        /// Straight to a driver UI at this base URL.
        case direct(baseURL: String)
    }

    /// Where requests go first.
    public let route: Route
    /// The most redirects one request follows.
    public let maxRedirects: Int
    /// The largest response body read, in bytes.
    public let maxResponseBytes: Int
    /// The logger; URLs are logged redacted.
    public let logger: Logger

    let transport: HTTPTransport
    let retry: RMRetryPolicy
    let clock: any DeployClock
    /// Headers sent to trusted hosts only (auth, extra headers).
    let credentialHeaders: [(name: String, value: String)]
    /// Query items added to the first request of the proxy route (`user.name`).
    let credentialQuery: [(name: String, value: String)]
    /// `host:port` of the configured hosts, the only ones that get credentials.
    let trustedAuthorities: Set<String>
    /// The RM client of the proxy route (its cookie and active endpoint).
    let rm: RMClient?
    let state: Mutex<SessionState>

    /// What the client learns while talking to the driver.
    struct SessionState: Sendable {
        /// The application id (given, or discovered from a direct driver's `/applications`).
        var applicationId: String?
        /// Set once `streaming/statistics` answered 404 while `sql` showed completed batches: ``progress()``
        /// then stops asking for DStreams statistics.
        var streamingAbsent = false
        /// Requests sent, redirects included.
        var requests = 0
    }

    /// A client reaching the driver of `applicationId` through the ResourceManager's web proxy, with
    /// everything of `rm`'s connection (endpoints, auth, headers, TLS, retry, clock, logger).
    /// - Parameters:
    ///   - rm: the ResourceManager client.
    ///   - applicationId: the YARN application id (which is also the Spark application id on YARN).
    ///   - maxResponseBytes: the body cap (default 16 MiB: 1,000 retained jobs are about 1 MiB).
    ///   - maxRedirects: redirects followed per request (default 3).
    /// - Throws: ``SparkRESTError`` (`configuration`) when the transport cannot be set up.
    public init(
        rm: RMClient, applicationId: String, maxResponseBytes: Int = 16 << 20,
        maxRedirects: Int = 3
    ) throws(SparkRESTError) {
        let connection = rm.connection
        self.route = .proxy(endpoints: connection.endpoints)
        self.rm = rm
        self.retry = connection.retry
        self.clock = rm.clock
        self.logger = rm.logger
        self.maxRedirects = max(0, maxRedirects)
        self.maxResponseBytes = max(1, maxResponseBytes)
        self.credentialHeaders = connection.auth.headers + connection.extraHeaders
        self.credentialQuery = connection.auth.queryItems
        self.trustedAuthorities = Set(connection.endpoints.map(\.authority))
        self.state = Mutex(SessionState(applicationId: applicationId))
        self.transport = try Self.makeTransport(connection.transport, url: connection.endpoints.first?.baseURL)
    }

    /// A client talking straight to a driver UI.
    /// - Parameters:
    ///   - driverURL: the UI's base URL (`http://host:4040`); a trailing `/` is ignored.
    ///   - applicationId: the Spark application id; nil to ask the driver (`/api/v1/applications`) once.
    ///   - headers: sent with every request to the driver's host (never to a redirect's other host);
    ///     values of secret-looking names are redacted from logs and errors.
    ///   - transport: time limits and TLS.
    ///   - retry: how connection errors, 5xx and 429 are retried.
    ///   - clock: the time source of retry sleeps.
    ///   - logger: receives a debug line per request.
    ///   - maxResponseBytes: the body cap (default 16 MiB).
    ///   - maxRedirects: redirects followed per request (default 3).
    /// - Throws: ``SparkRESTError`` (`configuration`) for a URL that is not http(s) with a host.
    public init(
        driverURL: String, applicationId: String? = nil, headers: [(name: String, value: String)] = [],
        transport: TransportConfiguration = TransportConfiguration(), retry: RMRetryPolicy = RMRetryPolicy(),
        clock: any DeployClock = SystemClock(), logger: Logger = Logger(label: "sparkdeploy.spark"),
        maxResponseBytes: Int = 16 << 20, maxRedirects: Int = 3
    ) throws(SparkRESTError) {
        var base = driverURL.trimmingCharacters(in: .whitespacesAndNewlines)
        while base.hasSuffix("/") { base.removeLast() }
        guard let authority = SparkRedirectPolicy.authority(of: base), SparkRedirectPolicy.isHTTP(base) else {
            throw SparkRESTError(
                .configuration, endpoint: "configure", url: base,
                message: "the driver URL must be http(s)://host[:port], got \(base)")
        }
        for header in headers where Redactor.isSecretName(header.name) {
            Redactor.shared.register(secret: header.value)
        }
        self.route = .direct(baseURL: base)
        self.rm = nil
        self.retry = retry
        self.clock = clock
        self.logger = logger
        self.maxRedirects = max(0, maxRedirects)
        self.maxResponseBytes = max(1, maxResponseBytes)
        self.credentialHeaders = headers
        self.credentialQuery = []
        self.trustedAuthorities = [authority]
        self.state = Mutex(SessionState(applicationId: applicationId))
        self.transport = try Self.makeTransport(transport, url: base)
    }

    /// How many HTTP requests this client has sent (redirect hops included).
    public var requestCount: Int { state.withLock { $0.requests } }

    private static func makeTransport(
        _ configuration: TransportConfiguration, url: String?
    )
        throws(SparkRESTError) -> HTTPTransport
    {
        do {
            return try HTTPTransport(configuration: configuration)
        } catch {
            throw SparkRESTError(
                .configuration, endpoint: "configure", url: url,
                message: "cannot set up HTTP transport: \(error.detail)")
        }
    }
}
