import AWSCore
import Foundation
import HTTPTransport
import Logging
import SparkDeployCore

extension S3Client {
    /// Sends `call` with the standard retry mode and returns the 2xx response.
    ///
    /// Each attempt is signed again and logged at debug level (operation, bucket, attempt, status, error
    /// code, request id; never the key's content or credentials). A 301 naming another region in
    /// `x-amz-bucket-region` is followed once when the endpoint is AWS's default.
    /// - Throws: ``S3Error`` (S3 answered with an error), ``S3OutcomeUnknownError`` (a conditional write may or
    ///   may not have happened), `TransportError` (no response; its `operation` names the call and object),
    ///   ``CredentialError``, ``S3ConfigurationError`` (unsignable URL) or `CancellationError`.
    func send(_ call: S3Call, logger: Logger) async throws -> HTTPResponse {
        var state = RetryState(configuration: configuration.retry, quota: quota)
        var region = configuration.region
        var endpoint = configuration.endpoint
        var redirected = false
        var spent = 0.0
        while true {
            try Task.checkCancellation()
            state.beginAttempt()
            let creds = try await credentials.credentials(logger: logger)
            var request = try signedRequest(call, endpoint: endpoint, region: region, credentials: creds)
            request.timeout = max(0.001, min(configuration.requestTimeout, configuration.callBudget - spent))
            let attemptStarted = ContinuousClock.now
            var metadata: Logger.Metadata = [
                "aws.service": "S3", "aws.operation": "\(call.operation)", "s3.bucket": "\(call.bucket)",
                "aws.attempt": "\(state.attempts)",
            ]
            let outcome: Result<HTTPResponse, TransportError>
            do {
                outcome = .success(try await transport.send(request))
            } catch {
                outcome = .failure(error)
            }
            let attempt = ContinuousClock.now - attemptStarted
            let seconds = attempt.inSeconds
            spent += seconds
            metadata["aws.duration_ms"] = "\(Int(seconds * 1000))"
            let failure: any Error
            let kind: RetryableKind?
            var hint: Double?
            switch outcome {
            case .success(let response):
                metadata["aws.status"] = "\(response.status)"
                if let id = response.header("x-amz-request-id") { metadata["aws.request_id"] = "\(OutsideText.quoted(id))" }
                if (200..<300).contains(response.status) {
                    logger.debug("aws call", metadata: metadata)
                    state.succeeded()
                    return response
                }
                let parsed = S3ErrorBody.parse(
                    status: response.status, method: call.method, hasKey: call.key != nil,
                    body: response.body)
                metadata["aws.error_code"] = "\(OutsideText.quoted(parsed.code))"
                if configuration.endpointIsDefault, !redirected, [301, 307, 400].contains(response.status),
                    let other = response.header("x-amz-bucket-region"), !other.isEmpty, other != region
                {
                    redirected = true
                    region = other
                    endpoint = EndpointResolver.defaultEndpoint(service: .s3, region: other)
                    metadata["s3.redirect_region"] = "\(OutsideText.quoted(other))"
                    logger.debug("aws call redirected to the bucket's region", metadata: metadata)
                    continue
                }
                let error = S3Error(
                    operation: call.operation, bucket: call.bucket, key: call.key, code: parsed.code,
                    message: parsed.message, status: response.status,
                    requestID: response.header("x-amz-request-id") ?? parsed.requestID,
                    endpoint: endpoint)
                let classified = RetryClassifier.classify(
                    status: response.status, code: parsed.code,
                    mode: configuration.retry.mode)
                if classified != nil && classified != .throttling && call.conditionalWrite {
                    // A 5xx may come after the write was applied: re-sending could fail its own condition.
                    logger.debug("aws call failed, outcome unknown", metadata: metadata)
                    throw S3OutcomeUnknownError(
                        operation: call.operation, bucket: call.bucket, key: call.key,
                        cause: error.description)
                }
                failure = error
                kind = classified
                hint = RetryAfter.seconds(headers: response.headers)
            case .failure(var error):
                metadata["aws.error_code"] = "\(error.kind.rawValue)"
                error.operation = "\(call.operation) \(call.location)"
                if error.kind == .cancelled { throw CancellationError() }
                if call.conditionalWrite && error.mayHaveReachedServer {
                    logger.debug("aws call failed, outcome unknown", metadata: metadata)
                    throw S3OutcomeUnknownError(
                        operation: call.operation, bucket: call.bucket, key: call.key,
                        cause: error.description)
                }
                failure = error
                kind = error.isTransient ? (error.kind == .timedOut ? .timeout : .transient) : nil
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

    private func signedRequest(
        _ call: S3Call, endpoint: String, region: String,
        credentials: AWSCredentials
    ) throws -> HTTPRequest {
        let url = call.url(endpoint: endpoint, addressing: configuration.addressing)
        let unsigned = SigV4Request(
            method: call.method, url: url,
            headers: call.headers.map { .init(name: $0.name, value: $0.value) },
            body: call.body)
        let signer = SigV4Signer(credentials: credentials, region: region, service: "s3", flavor: .s3)
        let signed: SigV4Request
        do {
            signed = try signer.sign(unsigned, at: clock.now())
        } catch {
            throw S3ConfigurationError(reason: "\(call.operation) \(call.location): \(error.description)")
        }
        var headers = signed.headers.map { (name: $0.name, value: $0.value) }
        headers.append(("User-Agent", "sparkdeploy/1.0"))
        return HTTPRequest(
            method: call.method, url: signed.url, headers: headers, body: call.body,
            timeout: configuration.requestTimeout, maxResponseBytes: configuration.maxResponseBytes)
    }
}
