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
    /// The largest response body accepted; a larger one fails with `responseTooLarge`.
    public var maxResponseBytes: Int

    /// Creates a configuration.
    public init(connectTimeout: Double = 5, requestTimeout: Double = 60, caBundlePath: String? = nil,
                insecureSkipVerify: Bool = false, maxResponseBytes: Int = 512 << 20) {
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.caBundlePath = caBundlePath
        self.insecureSkipVerify = insecureSkipVerify
        self.maxResponseBytes = maxResponseBytes
    }
}
