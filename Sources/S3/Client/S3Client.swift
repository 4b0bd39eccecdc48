import AWSCore
import Foundation
import HTTPTransport
import Logging
import SparkDeployCore

/// A typed client of the Amazon S3 REST API subset a lease and a journal need: conditional PutObject,
/// GetObject, HeadObject, conditional DeleteObject, ListObjectsV2 (paginated) and CreateBucket.
///
/// SigV4 with S3's rules (``SigV4Flavor/s3``), the standard retry mode, path-style addressing against an
/// endpoint override (`AWS_ENDPOINT_URL_S3`, moto, the simulator) and virtual-hosted addressing against AWS.
///
/// ```swift
/// let s3 = try S3Client(region: "eu-west-1")                                  // env / ~/.aws
/// let etag = try await s3.putObject(bucket: "locks", key: "app/lease", body: bytes, ifNoneMatch: true,
///                                   logger: logger)
/// ```
///
/// Conditional writes (`ifNoneMatch`, `ifMatch`) are never re-sent after the request may have reached S3
/// (a 5xx or a time-out): a retry could fail its own condition (`PreconditionFailed` for a write that in fact
/// succeeded) or, worse, succeed twice. Such a failure is reported as ``S3OutcomeUnknownError``; the caller
/// reads the object back to learn what happened. Throttling (`SlowDown`, 503) and failures to connect are
/// retried, because the request was not processed.
public final class S3Client: Sendable {
    /// Region, endpoint, addressing and retry settings.
    public let configuration: S3Configuration
    /// Where credentials come from.
    public let credentials: any CredentialProvider
    /// The HTTP transport.
    public let transport: HTTPTransport
    /// The clock that signs and sleeps.
    public let clock: any DeployClock
    /// The shared retry quota.
    public let quota: RetryQuota
    let random: @Sendable (ClosedRange<Double>) -> Double

    /// Creates a client from a resolved configuration.
    /// - Parameters:
    ///   - configuration: region, endpoint, addressing, retries.
    ///   - credentials: the credential provider.
    ///   - transport: the HTTP transport.
    ///   - clock: signing time and retry sleeps.
    ///   - quota: the retry token bucket (share one per process).
    ///   - random: the jitter source (injectable for tests).
    public init(
        configuration: S3Configuration, credentials: any CredentialProvider, transport: HTTPTransport,
        clock: any DeployClock = SystemClock(), quota: RetryQuota = RetryQuota(),
        random: @escaping @Sendable (ClosedRange<Double>) -> Double = { Double.random(in: $0) }
    ) {
        self.configuration = configuration
        self.credentials = credentials
        self.transport = transport
        self.clock = clock
        self.quota = quota
        self.random = random
    }

    /// Builds a client the way the AWS CLI would: region, endpoint, retry mode and credentials from the
    /// arguments, then `environment`, then the shared config files of `profile`.
    /// - Parameters:
    ///   - region: explicit region (> `AWS_REGION` > `AWS_DEFAULT_REGION` > profile); `us-east-1` when an
    ///     endpoint override is set and no region is configured.
    ///   - endpoint: explicit endpoint (> `AWS_ENDPOINT_URL_S3` > `AWS_ENDPOINT_URL` > profile > AWS).
    ///   - profile: `--profile` (> `AWS_PROFILE` > `default`).
    ///   - environment: the environment to read (inject in tests).
    ///   - homeDirectory: where `~/.aws` is (inject in tests).
    ///   - credentials: a provider to use instead of the default chain.
    ///   - transport: the HTTP transport (default: a new one).
    ///   - clock: signing time and retry sleeps.
    ///   - quota: the retry token bucket to share.
    /// - Throws: ``S3ConfigurationError`` when no region can be found or the transport cannot be created.
    public convenience init(
        region: String? = nil, endpoint: String? = nil, profile: String? = nil,
        environment: [String: String] = ProcessEnvironment.current(),
        homeDirectory: String? = nil, credentials: (any CredentialProvider)? = nil,
        transport: HTTPTransport? = nil, clock: any DeployClock = SystemClock(),
        quota: RetryQuota = RetryQuota()
    ) throws {
        let http: HTTPTransport
        if let transport {
            http = transport
        } else {
            do {
                http = try HTTPTransport()
            } catch {
                throw S3ConfigurationError(reason: "cannot create the HTTP transport: \(error)")
            }
        }
        let context = CredentialContext(
            environment: environment, explicitProfile: profile,
            homeDirectory: homeDirectory, transport: http, clock: clock)
        var resolvedRegion = RegionResolver.resolve(explicit: region, context: context)
        let probe = EndpointResolver.resolve(
            service: .s3, region: resolvedRegion ?? "us-east-1", explicit: endpoint,
            context: context)
        if resolvedRegion == nil && probe.source != "default" { resolvedRegion = "us-east-1" }
        guard let resolvedRegion else {
            throw S3ConfigurationError(
                reason: "no region: pass --region or set AWS_REGION, AWS_DEFAULT_REGION or "
                    + "region in profile \(context.profileName)")
        }
        let isDefault = probe.source == "default"
        let configuration = S3Configuration(
            region: resolvedRegion, endpoint: probe.url, addressing: isDefault ? .virtualHosted : .path,
            endpointIsDefault: isDefault, retry: RetryConfiguration.resolve(context: context))
        let provider =
            credentials
            ?? RefreshingCredentialProvider(
                wrapping: CredentialChain(context: context),
                clock: clock)
        self.init(configuration: configuration, credentials: provider, transport: http, clock: clock, quota: quota)
    }
}

extension EndpointResolver.Service {
    /// Amazon S3 (`AWS_ENDPOINT_URL_S3`, `https://s3.<region>.amazonaws.com`).
    public static let s3 = EndpointResolver.Service(serviceID: "S3", endpointPrefix: "s3")
}
