import Foundation
import HTTPTransport
import SparkDeployCore

/// Everything an ``RMClient`` needs to reach a ResourceManager: addresses (several for HA),
/// authentication, extra headers, TLS and time limits, retry and polling schedules.
public struct RMConnection: Sendable {
    /// The RM web addresses, in preference order (HA: one per RM).
    public var endpoints: [RMEndpoint]
    /// How requests authenticate.
    public var auth: RMAuth
    /// Headers added to every request (e.g. `X-XSRF-Header`); values are treated as secrets in logs
    /// when their names look secret.
    public var extraHeaders: [(name: String, value: String)]
    /// Connect/request time limits, CA bundle, insecure flag.
    public var transport: TransportConfiguration
    /// How transport failures, 5xx and 429 are retried.
    public var retry: RMRetryPolicy
    /// The schedule of waiters and the kill loop.
    public var poll: AdaptivePoll

    /// Creates a connection description.
    /// - Parameters:
    ///   - endpoints: at least one RM address.
    ///   - auth: default anonymous.
    ///   - extraHeaders: added to every request.
    ///   - transport: time limits and TLS (default 5 s connect, 60 s per request).
    ///   - retry: default 4 attempts within 60 s.
    ///   - poll: default 0.25 s growing to 0.8 s.
    public init(
        endpoints: [RMEndpoint], auth: RMAuth = .anonymous,
        extraHeaders: [(name: String, value: String)] = [],
        transport: TransportConfiguration = TransportConfiguration(),
        retry: RMRetryPolicy = RMRetryPolicy(), poll: AdaptivePoll = AdaptivePoll()
    ) {
        self.endpoints = endpoints
        self.auth = auth
        self.extraHeaders = extraHeaders
        self.transport = transport
        self.retry = retry
        self.poll = poll
    }

    /// Parses each address with ``RMEndpoint/init(_:)``.
    /// - Throws: ``YARNError`` (`configuration`) for an empty list or a bad address.
    public init(addresses: [String], auth: RMAuth = .anonymous) throws(YARNError) {
        let trimmed = addresses.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !trimmed.isEmpty else {
            throw YARNError(.configuration, operation: "configure", message: "no ResourceManager address given")
        }
        var endpoints: [RMEndpoint] = []
        for address in trimmed { endpoints.append(try RMEndpoint(address)) }
        self.init(endpoints: endpoints, auth: auth)
    }

    /// The environment variable holding comma-separated RM addresses.
    public static let environmentVariable = "SPARKDEPLOY_YARN_URL"

    /// Addresses from `SPARKDEPLOY_YARN_URL` (comma-separated), or `nil` when unset or empty.
    public static func fromEnvironment(_ environment: [String: String]) throws(YARNError) -> RMConnection? {
        guard let value = environment[environmentVariable], !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            return nil
        }
        return try RMConnection(addresses: value.split(separator: ",").map(String.init))
    }

    /// The RM of an EMR cluster: `http://<master public DNS>:8088`.
    public static func emrMaster(dns: String) throws(YARNError) -> RMConnection {
        try RMConnection(addresses: ["http://\(dns):8088"])
    }

    /// Addresses from `yarn-site.xml` in `YARN_CONF_DIR`, else `HADOOP_CONF_DIR`, or `nil` when
    /// neither is set. See ``YarnSiteConfiguration``.
    /// - Throws: ``YARNError`` (`configuration`) when the file is unreadable or names no RM.
    public static func fromHadoopConfiguration(environment: [String: String]) throws(YARNError) -> RMConnection? {
        guard let directory = environment["YARN_CONF_DIR"] ?? environment["HADOOP_CONF_DIR"],
            !directory.isEmpty
        else { return nil }
        let site = try YarnSiteConfiguration.load(directory: directory)
        return try RMConnection(addresses: site.webappAddresses())
    }

    /// Resolves addresses the way the CLI does: explicit list, then `SPARKDEPLOY_YARN_URL`, then
    /// Hadoop configuration, then the EMR master DNS name.
    /// - Throws: ``YARNError`` (`configuration`) when no source yields an address.
    public static func resolve(
        explicit: [String] = [], environment: [String: String],
        emrMasterDNS: String? = nil
    ) throws(YARNError) -> RMConnection {
        if !explicit.isEmpty { return try RMConnection(addresses: explicit) }
        if let fromEnv = try fromEnvironment(environment) { return fromEnv }
        if let fromConf = try fromHadoopConfiguration(environment: environment) { return fromConf }
        if let dns = emrMasterDNS, !dns.isEmpty { return try emrMaster(dns: dns) }
        throw YARNError(
            .configuration, operation: "configure",
            message:
                "no ResourceManager address: pass one, set \(environmentVariable), YARN_CONF_DIR or HADOOP_CONF_DIR, or name an EMR cluster"
        )
    }
}

/// Bounded retries of idempotent requests (connection errors, 5xx, 429), with full-jitter backoff.
public struct RMRetryPolicy: Sendable, Equatable {
    /// Attempts in total, the first included.
    public var maxAttempts: Int
    /// Give up once this many seconds (of the client's clock) have passed since the first attempt.
    public var maxTotalSeconds: Double
    /// The delay schedule.
    public var backoff: Backoff
    /// The longest `Retry-After` honoured, in seconds.
    public var maxRetryAfter: Double

    /// Creates a policy; the default is 4 attempts within 60 s, backoff 0.5 s doubling to 8 s.
    public init(
        maxAttempts: Int = 4, maxTotalSeconds: Double = 60, backoff: Backoff = Backoff(base: 0.5, cap: 8),
        maxRetryAfter: Double = 30
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.maxTotalSeconds = max(0, maxTotalSeconds)
        self.backoff = backoff
        self.maxRetryAfter = maxRetryAfter
    }
}
