import HTTPTransport
import Logging
import SparkDeployCore
import Synchronization

/// An async client of the YARN ResourceManager REST API (`/ws/v1/cluster/…`), safe for
/// redeploying Spark streaming jobs.
///
/// - HA: with several endpoints it probes `/ws/v1/cluster/info` for `haState == ACTIVE`, and on a
///   standby's 307 (or the old 200 "Redirecting…"/`Refresh`) or a connection failure it fails over
///   to the next RM and re-sends the request itself, bodies included. Redirects are never followed.
/// - Retries: idempotent GETs and the kill PUT are retried on connection errors, 5xx and 429 with
///   full-jitter backoff (bounded attempts and time, `Retry-After` honoured); submit is never
///   re-sent before checking whether the first attempt took effect.
/// - All sleeps use the injected ``DeployClock``, so tests run on the simulator's virtual time.
///
/// Operations live in one extension file per family: `RMClient+Cluster`, `+Apps`, `+Kill`,
/// `+Submit`, `+Queue`, `+Wait`.
public final class RMClient: Sendable {
    /// The connection settings.
    public let connection: RMConnection
    /// The time source of retries and waiters.
    public let clock: any DeployClock
    /// The logger; data goes into metadata (`yarn.app_id`, `yarn.endpoint`…).
    public let logger: Logger
    let transport: HTTPTransport
    let state = Mutex(SessionState())

    /// What the client learns while talking to the RMs.
    struct SessionState: Sendable {
        /// Index of the RM believed active, if known.
        var active: Int?
        /// The `hadoop.auth` cookie of the active RM (dropped on failover).
        var cookie: String?
        /// The RM's cluster info, once fetched.
        var info: ClusterInfo?
        /// Requests sent (for tests and debug logs).
        var requests = 0
        /// Fail-overs performed.
        var failovers = 0
    }

    /// Creates a client.
    /// - Parameters:
    ///   - connection: endpoints, auth, TLS and schedules.
    ///   - clock: the time source (``SystemClock`` in production, the simulator's clock in tests).
    ///   - logger: receives debug logs of every request and poll; secrets never appear in them.
    /// - Throws: ``YARNError`` (`configuration`) for no endpoints; (`transport`) when the TLS
    ///   configuration (CA bundle) cannot be loaded.
    public init(
        connection: RMConnection, clock: any DeployClock = SystemClock(),
        logger: Logger = Logger(label: "sparkdeploy.yarn")
    ) throws(YARNError) {
        guard !connection.endpoints.isEmpty else {
            throw YARNError(.configuration, operation: "configure", message: "no ResourceManager endpoint")
        }
        self.connection = connection
        self.clock = clock
        self.logger = logger
        connection.auth.registerSecrets()
        for header in connection.extraHeaders where Redactor.isSecretName(header.name) {
            Redactor.shared.register(secret: header.value)
        }
        do {
            self.transport = try HTTPTransport(configuration: connection.transport)
        } catch {
            throw YARNError(
                .transport, operation: "configure", endpoint: error.endpoint,
                message: "cannot set up HTTP transport: \(error.detail)")
        }
        if connection.transport.insecureSkipVerify {
            logger.warning(
                "TLS certificate verification is disabled for the ResourceManager",
                metadata: ["yarn.endpoints": "\(connection.endpoints.map(\.baseURL))"])
        }
    }

    /// The endpoint currently believed active (the first one before any request).
    public var activeEndpoint: RMEndpoint {
        let index = state.withLock { $0.active } ?? 0
        return connection.endpoints[min(index, connection.endpoints.count - 1)]
    }

    /// How many HTTP requests this client has sent (probes included).
    public var requestCount: Int { state.withLock { $0.requests } }

    /// How many times this client failed over to another RM.
    public var failoverCount: Int { state.withLock { $0.failovers } }
}
