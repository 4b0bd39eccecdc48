import Foundation
import HTTPTransport
import Logging
import SparkDeployCore

/// A client for AWS's JSON 1.1 protocol: `POST /` with `X-Amz-Target: <Prefix>.<Operation>`,
/// `Content-Type: application/x-amz-json-1.1`, Codable input and output, SigV4 signing, and the
/// standard retry mode (each attempt signed again and logged at debug level).
///
/// ```swift
/// let out = try await client.send("DescribeCluster", DescribeClusterInput(ClusterId: id),
///                                 as: DescribeClusterOutput.self, logger: logger)
/// ```
public final class JSON11Client: Sendable {
    /// Service, region, endpoint and retry settings.
    public let configuration: AWSServiceConfiguration
    /// Where credentials come from (wrap temporary ones in ``RefreshingCredentialProvider``).
    public let credentials: any CredentialProvider
    /// The HTTP transport.
    public let transport: HTTPTransport
    /// The clock that signs and sleeps (virtual time in tests and the sandbox).
    public let clock: any DeployClock
    /// The shared retry quota.
    public let quota: RetryQuota
    private let random: @Sendable (ClosedRange<Double>) -> Double

    /// Creates a client.
    /// - Parameters:
    ///   - configuration: service, region, endpoint, retries.
    ///   - credentials: the credential provider.
    ///   - transport: the HTTP transport.
    ///   - clock: signing time and retry sleeps.
    ///   - quota: the retry token bucket (share one per process).
    ///   - random: the jitter source (injectable for tests).
    public init(
        configuration: AWSServiceConfiguration, credentials: any CredentialProvider, transport: HTTPTransport,
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

    /// Calls `operation` with `input` and decodes the response as `Output`.
    /// - Parameters:
    ///   - operation: the operation name (`ListClusters`).
    ///   - input: the request shape (PascalCase members).
    ///   - idempotent: `false` for operations that must not be re-sent after an ambiguous failure (the request
    ///     may have been processed): then only throttling and failures to connect are retried here, and the
    ///     caller checks for the effect before sending again.
    ///   - logger: receives one debug line per attempt (operation, attempt, duration, status, error code).
    /// - Throws: ``AWSError`` (service error), ``AWSResponseError`` (unreadable response), `TransportError`
    ///   (no response), ``CredentialError``, or `CancellationError`.
    public func send<Input: Encodable & Sendable, Output: Decodable>(
        _ operation: String, _ input: Input, as output: Output.Type, idempotent: Bool = true, logger: Logger
    ) async throws -> Output {
        let body: [UInt8]
        do {
            body = Array(try JSONEncoder().encode(input))
        } catch {
            throw AWSResponseError(
                service: configuration.service.serviceID, operation: operation,
                endpoint: configuration.endpoint, status: 0,
                reason: "cannot encode the request: \(error)", excerpt: "")
        }
        let response = try await sendWithRetries(operation, body: body, idempotent: idempotent, logger: logger)
        return try decode(Output.self, operation: operation, response: response)
    }

    private func sendWithRetries(
        _ operation: String, body: [UInt8], idempotent: Bool,
        logger: Logger
    ) async throws -> HTTPResponse {
        var state = RetryState(configuration: configuration.retry, quota: quota)
        let service = configuration.service.serviceID
        // The call's budget is spent by attempts (wall time: transport limits are wall time) and by the
        // waits between them (as requested of `clock`, so a virtual clock in tests and the sandbox counts
        // its own seconds); the same as wall time with the system clock.
        var spent = 0.0
        while true {
            try Task.checkCancellation()
            state.beginAttempt()
            let creds = try await credentials.credentials(logger: logger)
            var request = try signedRequest(operation, body: body, credentials: creds)
            // The call's budget bounds each attempt too: the last one gets only what is left.
            request.timeout = max(0.001, min(configuration.requestTimeout, configuration.callBudget - spent))
            let attemptStarted = ContinuousClock.now
            let started = clock.now()
            var metadata: Logger.Metadata = [
                "aws.service": "\(service)", "aws.operation": "\(operation)", "aws.attempt": "\(state.attempts)",
            ]
            let outcome: Result<HTTPResponse, TransportError>
            do {
                outcome = .success(try await transport.send(request))
            } catch {
                outcome = .failure(error)
            }
            metadata["aws.duration_ms"] = "\(Int((clock.now() - started) * 1000))"
            let attempt = ContinuousClock.now - attemptStarted
            spent += attempt.inSeconds
            let failure: any Error
            let kind: RetryableKind?
            var hint: Double?
            switch outcome {
            case .success(let response):
                metadata["aws.status"] = "\(response.status)"
                if let id = response.header("x-amzn-RequestId") { metadata["aws.request_id"] = "\(id)" }
                if (200..<300).contains(response.status) {
                    logger.debug("aws call", metadata: metadata)
                    state.succeeded()
                    return response
                }
                let (code, message) = ErrorBody.parse(
                    status: response.status, headers: response.headers,
                    body: response.body)
                metadata["aws.error_code"] = "\(code)"
                failure = AWSError(
                    service: service, operation: operation, code: code, message: message,
                    status: response.status, requestID: response.header("x-amzn-RequestId"),
                    endpoint: configuration.endpoint)
                let classified = RetryClassifier.classify(
                    status: response.status, code: code,
                    mode: configuration.retry.mode)
                // A throttled request was not processed; a 5xx might have been.
                kind = (classified == .throttling || idempotent) ? classified : nil
                hint = RetryAfter.seconds(headers: response.headers)
            case .failure(var error):
                metadata["aws.error_code"] = "\(error.kind.rawValue)"
                error.operation = operation
                failure = error
                if error.kind == .cancelled { throw CancellationError() }
                if !error.isTransient || (!idempotent && error.mayHaveReachedServer) {
                    kind = nil
                } else {
                    kind = error.kind == .timedOut ? .timeout : .transient
                }
            }
            guard let delay = state.nextDelay(after: kind, hint: hint, random: random),
                spent + delay < configuration.callBudget
            else {
                metadata["aws.retry"] = "no"
                logger.debug("aws call failed", metadata: metadata)
                throw failure
            }
            metadata["aws.retry_in_ms"] = "\(Int(delay * 1000))"
            logger.debug("aws call failed, retrying", metadata: metadata)
            try await clock.sleep(seconds: delay)
            spent += delay
        }
    }

    private func signedRequest(_ operation: String, body: [UInt8], credentials: AWSCredentials) throws -> HTTPRequest {
        let target = "\(configuration.targetPrefix).\(operation)"
        let unsigned = SigV4Request(
            method: "POST", url: configuration.endpoint + "/",
            headers: [
                .init(name: "Content-Type", value: "application/x-amz-json-1.1"),
                .init(name: "X-Amz-Target", value: target),
            ], body: body)
        let signer = SigV4Signer(
            credentials: credentials, region: configuration.region,
            service: configuration.signingName)
        let signed: SigV4Request
        do {
            signed = try signer.sign(unsigned, at: clock.now())
        } catch {
            throw AWSResponseError(
                service: configuration.service.serviceID, operation: operation,
                endpoint: configuration.endpoint, status: 0, reason: error.description, excerpt: "")
        }
        var headers = signed.headers.map { (name: $0.name, value: $0.value) }
        headers.append(("User-Agent", "sparkdeploy/1.0"))
        return HTTPRequest(
            method: "POST", url: signed.url, headers: headers, body: body,
            timeout: configuration.requestTimeout, maxResponseBytes: configuration.maxResponseBytes)
    }

    private func decode<Output: Decodable>(
        _ type: Output.Type, operation: String,
        response: HTTPResponse
    ) throws -> Output {
        func failure(_ reason: String) -> AWSResponseError {
            AWSResponseError(
                service: configuration.service.serviceID, operation: operation,
                endpoint: configuration.endpoint, status: response.status, reason: reason,
                excerpt: response.excerpt(limit: 200))
        }
        guard response.body.count <= configuration.maxResponseBytes else {
            throw failure(
                "body of \(response.body.count) bytes exceeds the limit of "
                    + "\(configuration.maxResponseBytes)")
        }
        // AWS answers `{}` at least; an empty 200 body is a broken answer (a proxy, a cut connection), not
        // an empty result: read as `{}`, a list operation would report "none" and a deploy would act on it.
        let blank = response.body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 })
        if blank && Output.self != EmptyOutput.self {
            throw failure("empty body where the \(operation) result was expected")
        }
        let data = blank ? Data("{}".utf8) : Data(response.body)
        do {
            return try JSONDecoder().decode(Output.self, from: data)
        } catch let error as DecodingError {
            throw failure(Self.explain(error))
        } catch {
            throw failure("cannot decode: \(error)")
        }
    }

    /// A one-line account of a decoding failure: what, and where in the document.
    static func explain(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "the top level" : keys.joined(separator: ".")
        }
        switch error {
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "body is not JSON" : "corrupt value at \(path(context))"
        case .keyNotFound(let key, let context):
            return "missing key \(key.stringValue) at \(path(context))"
        case .typeMismatch(let type, let context):
            return "expected \(type) at \(path(context))"
        case .valueNotFound(let type, let context):
            return "null where \(type) was expected at \(path(context))"
        @unknown default:
            return "cannot decode"
        }
    }
}
