import AWSCore

/// How a bucket is named in a request URL.
public enum S3Addressing: Sendable, Equatable {
    /// `https://endpoint/bucket/key`: endpoint overrides (moto, the simulator, MinIO-like stores).
    case path
    /// `https://bucket.s3.region.amazonaws.com/key`: AWS itself (needs a DNS-compatible bucket name; a name
    /// with `.` or upper-case letters falls back to path-style).
    case virtualHosted
}

/// Everything an ``S3Client`` needs to know about where and how to call S3.
public struct S3Configuration: Sendable {
    /// The signing region.
    public var region: String
    /// The endpoint URL, no trailing slash (`https://s3.eu-west-1.amazonaws.com`, `http://127.0.0.1:5000`).
    public var endpoint: String
    /// Path-style or virtual-hosted.
    public var addressing: S3Addressing
    /// Whether `endpoint` is AWS's default for `region` (then a 301 naming another region in
    /// `x-amz-bucket-region` is followed by calling that region's endpoint).
    public var endpointIsDefault: Bool
    /// Retry mode and attempts.
    public var retry: RetryConfiguration
    /// The largest response body accepted, in bytes (default 64 MiB: leases and journals are small).
    public var maxResponseBytes: Int
    /// Time limit of one attempt, in seconds.
    public var requestTimeout: Double
    /// Time limit of one call (attempts and waits together), in seconds.
    public var callBudget: Double

    /// Creates a configuration.
    public init(
        region: String, endpoint: String, addressing: S3Addressing = .path, endpointIsDefault: Bool = false,
        retry: RetryConfiguration = RetryConfiguration(), maxResponseBytes: Int = 64 << 20,
        requestTimeout: Double = 30, callBudget: Double = 60
    ) {
        self.region = region
        var endpoint = endpoint
        while endpoint.hasSuffix("/") { endpoint.removeLast() }
        self.endpoint = endpoint
        self.addressing = addressing
        self.endpointIsDefault = endpointIsDefault
        self.retry = retry
        self.maxResponseBytes = maxResponseBytes
        self.requestTimeout = requestTimeout
        self.callBudget = callBudget
    }
}

/// Why an ``S3Client`` could not be configured.
public struct S3ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// What is missing or wrong.
    public var reason: String
    /// `cannot configure the S3 client: …`.
    public var description: String { "cannot configure the S3 client: \(reason)" }
}
