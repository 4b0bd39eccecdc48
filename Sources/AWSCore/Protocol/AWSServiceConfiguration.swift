/// Everything a ``JSON11Client`` needs to know about one service in one region.
public struct AWSServiceConfiguration: Sendable {
    /// The service for endpoint resolution (`EndpointResolver.Service.emr`).
    public var service: EndpointResolver.Service
    /// The SigV4 signing name (`elasticmapreduce`).
    public var signingName: String
    /// The `X-Amz-Target` prefix (`ElasticMapReduce`).
    public var targetPrefix: String
    /// The region.
    public var region: String
    /// The endpoint URL, no trailing slash.
    public var endpoint: String
    /// Retry mode and attempts.
    public var retry: RetryConfiguration
    /// The largest response body accepted, in bytes.
    public var maxResponseBytes: Int
    /// Time limit of one attempt, in seconds.
    public var requestTimeout: Double

    /// Creates a configuration.
    public init(service: EndpointResolver.Service, signingName: String, targetPrefix: String, region: String,
                endpoint: String, retry: RetryConfiguration = RetryConfiguration(),
                maxResponseBytes: Int = 32 << 20, requestTimeout: Double = 30) {
        self.service = service
        self.signingName = signingName
        self.targetPrefix = targetPrefix
        self.region = region
        self.endpoint = endpoint
        self.retry = retry
        self.maxResponseBytes = maxResponseBytes
        self.requestTimeout = requestTimeout
    }
}
