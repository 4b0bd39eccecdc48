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
    /// The largest response body accepted, in bytes, enforced while the body streams in. Default 64 MiB: the
    /// largest EMR answer (a `ListSteps`/`ListClusters` page, ≤ 50 items) is well under 1 MiB, so a body that
    /// grows past 64 MiB is a broken or hostile server, and reading it further only costs memory.
    public var maxResponseBytes: Int
    /// Time limit of one attempt, in seconds.
    public var requestTimeout: Double
    /// Time limit of one call, in seconds: every attempt, retry wait and back-off together. Default 60, as the
    /// YARN client's; a stalled endpoint held one call 154–161 s with per-attempt limits alone.
    public var callBudget: Double

    /// Creates a configuration.
    public init(
        service: EndpointResolver.Service, signingName: String, targetPrefix: String, region: String,
        endpoint: String, retry: RetryConfiguration = RetryConfiguration(),
        maxResponseBytes: Int = 64 << 20, requestTimeout: Double = 30, callBudget: Double = 60
    ) {
        self.service = service
        self.signingName = signingName
        self.targetPrefix = targetPrefix
        self.region = region
        self.endpoint = endpoint
        self.retry = retry
        self.maxResponseBytes = maxResponseBytes
        self.requestTimeout = requestTimeout
        self.callBudget = callBudget
    }
}
