/// Connection settings shared by every request of one ``HTTPTransport``.
public struct TransportConfiguration: Sendable, Hashable {
    /// Seconds to establish a TCP (and TLS) connection.
    public var connectTimeout: Double
    /// Default total time limit of a request, in seconds.
    public var requestTimeout: Double
    /// A PEM file of extra CA certificates to trust (a private CA of a Knox gateway or RM).
    public var caBundlePath: String?
    /// Skip TLS certificate verification (explicit opt-in; the caller logs a warning).
    public var insecureSkipVerify: Bool
    /// The largest response body accepted, checked while it streams in; a larger one fails with
    /// `responseTooLarge`. Default 256 MiB, sized for the largest answer the YARN client reads: the apps list
    /// of a big RM (20,000 apps is 34 MiB, ~1.7 KB each), so 256 MiB holds ~150,000 apps, far more than an RM
    /// keeps (`yarn.resourcemanager.max-completed-applications` defaults to 1,000), while an endless body
    /// stops there instead of at 512 MiB. The EMR client caps its own requests at 64 MiB.
    public var maxResponseBytes: Int

    /// Creates a configuration.
    public init(
        connectTimeout: Double = 5, requestTimeout: Double = 60, caBundlePath: String? = nil,
        insecureSkipVerify: Bool = false, maxResponseBytes: Int = 256 << 20
    ) {
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.caBundlePath = caBundlePath
        self.insecureSkipVerify = insecureSkipVerify
        self.maxResponseBytes = maxResponseBytes
    }
}
