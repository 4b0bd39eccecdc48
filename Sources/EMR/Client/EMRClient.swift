import AWSCore
import Foundation
import HTTPTransport
import Logging
import SparkDeployCore

/// Why an ``EMRClient`` could not be configured.
public struct EMRConfigurationError: Error, Sendable, CustomStringConvertible {
    /// What is missing or wrong.
    public var reason: String
    /// `cannot configure the EMR client: …`.
    public var description: String { "cannot configure the EMR client: \(reason)" }
}

/// A typed client of the Amazon EMR API (JSON 1.1, SigV4, standard retries).
///
/// ```swift
/// let emr = try EMRClient(region: "eu-west-1")                  // credentials and endpoint from env / ~/.aws
/// let emr = try EMRClient(endpoint: sim.emrEndpoint,           // the simulator or moto
///                         credentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "test", secretAccessKey: "test")))
/// let clusters = try await emr.listClusters(states: ClusterState.active, logger: logger)
/// ```
/// Operations live in `EMRClient+Clusters.swift`, `+Steps`, `+Instances`, `+Tags`; waiters in `+Waiters`.
public final class EMRClient: Sendable {
    /// The protocol client (endpoint, region, retries, credentials).
    public let json: JSON11Client
    /// Seconds of clock skew tolerated when looking for a step or cluster an ambiguous call may have created.
    public let creationSlack: Double

    /// The clock used for waiters and retries.
    public var clock: any DeployClock { json.clock }
    /// The endpoint in use.
    public var endpoint: String { json.configuration.endpoint }
    /// The region in use.
    public var region: String { json.configuration.region }

    /// Wraps a configured protocol client.
    public init(json: JSON11Client, creationSlack: Double = 5) {
        self.json = json
        self.creationSlack = creationSlack
    }

    /// Builds a client the way the AWS CLI would: region, endpoint, retry mode and credentials resolved
    /// from the arguments, then `environment`, then the shared config files of `profile`.
    /// - Parameters:
    ///   - region: explicit region (> `AWS_REGION` > `AWS_DEFAULT_REGION` > profile `region`); `us-east-1`
    ///     when an endpoint override is set and no region is configured.
    ///   - endpoint: explicit endpoint (> `AWS_ENDPOINT_URL_EMR` > `AWS_ENDPOINT_URL` > profile > default).
    ///   - profile: `--profile` (> `AWS_PROFILE` > `default`).
    ///   - environment: the environment to read (inject in tests).
    ///   - homeDirectory: where `~/.aws` is (inject in tests).
    ///   - credentials: a provider to use instead of the default chain.
    ///   - transport: the HTTP transport (default: a new one with default timeouts).
    ///   - clock: signing time, retry sleeps and waiters.
    ///   - quota: the retry token bucket to share.
    ///   - maxAttempts: attempts per call when `AWS_MAX_ATTEMPTS` is unset (wins over the profile's
    ///     `max_attempts`); nil: the retry mode's default.
    /// - Throws: ``EMRConfigurationError`` when no region can be found, or the transport cannot be created.
    public convenience init(
        region: String? = nil, endpoint: String? = nil, profile: String? = nil,
        environment: [String: String] = ProcessEnvironment.current(),
        homeDirectory: String? = nil, credentials: (any CredentialProvider)? = nil,
        transport: HTTPTransport? = nil, clock: any DeployClock = SystemClock(),
        quota: RetryQuota = RetryQuota(), maxAttempts: Int? = nil
    ) throws {
        let http: HTTPTransport
        if let transport {
            http = transport
        } else {
            do {
                http = try HTTPTransport()
            } catch {
                throw EMRConfigurationError(reason: "cannot create the HTTP transport: \(error)")
            }
        }
        let context = CredentialContext(
            environment: environment, explicitProfile: profile,
            homeDirectory: homeDirectory, transport: http, clock: clock)
        var resolvedRegion = RegionResolver.resolve(explicit: region, context: context)
        if resolvedRegion == nil {
            let probe = EndpointResolver.resolve(service: .emr, region: "us-east-1", explicit: endpoint, context: context)
            if probe.source != "default" { resolvedRegion = "us-east-1" }
        }
        guard let resolvedRegion else {
            throw EMRConfigurationError(
                reason: "no region: pass --region or set AWS_REGION, AWS_DEFAULT_REGION or "
                    + "region in profile \(context.profileName)")
        }
        let resolvedEndpoint = EndpointResolver.resolve(
            service: .emr, region: resolvedRegion, explicit: endpoint,
            context: context
        ).url
        let configuration = AWSServiceConfiguration(
            service: .emr, signingName: "elasticmapreduce", targetPrefix: "ElasticMapReduce", region: resolvedRegion,
            endpoint: resolvedEndpoint, retry: RetryConfiguration.resolve(context: context, preferredMaxAttempts: maxAttempts))
        let provider =
            credentials
            ?? RefreshingCredentialProvider(
                wrapping: CredentialChain(context: context),
                clock: clock)
        self.init(
            json: JSON11Client(
                configuration: configuration, credentials: provider, transport: http,
                clock: clock, quota: quota))
    }

    /// Calls `operation` through the protocol client; every failure of the call is an ``EMRError``
    /// (`CredentialError` and `CancellationError` pass through). All operations send through here.
    func call<Input: Encodable & Sendable, Output: Decodable>(
        _ operation: String, _ input: Input, as output: Output.Type, idempotent: Bool = true, logger: Logger
    ) async throws -> Output {
        do {
            return try await json.send(operation, input, as: output, idempotent: idempotent, logger: logger)
        } catch {
            throw EMRError.wrapping(error, operation: operation)
        }
    }

    /// Whether `error` leaves it unknown if the request took effect (a 5xx, or a transport failure after
    /// the request may have reached the server).
    static func isAmbiguous(_ error: any Error) -> Bool {
        guard let error = error as? EMRError else { return false }
        switch error.kind {
        case .transport:
            guard let transport = error.transportFailure else { return false }
            return transport.mayHaveReachedServer && transport.kind != .cancelled
        case .service:
            return (error.status ?? 0) >= 500
        case .unreadableResponse, .outcomeUnknown:
            return false
        }
    }
}
