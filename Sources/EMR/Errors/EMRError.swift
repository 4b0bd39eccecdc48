import AWSCore
import HTTPTransport
import SparkDeployCore

/// A failed EMR operation: what kind of failure, which operation, where, and what EMR said.
///
/// Every ``EMRClient`` operation throws this (besides `CredentialError` when no credentials can be found and
/// `CancellationError`), so a caller handles one type. Every text is redacted, escaped and capped when it is
/// made (server-controlled text may echo the session token); ``description`` is safe to log and to show.
public struct EMRError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public enum Kind: String, Sendable {
        /// EMR answered with an error (`{"__type": "…#Code", "Message": "…"}` and a non-2xx status).
        case service
        /// The answer could not be understood: not JSON, not the expected shape, too large — or the request
        /// could not be encoded or signed (status 0).
        case unreadableResponse
        /// No complete HTTP response arrived (connect failure, time-out, connection lost, TLS).
        case transport
        /// A non-idempotent call failed ambiguously and what it may have created could not be pinned down.
        case outcomeUnknown
    }

    /// The kind of failure.
    public var kind: Kind
    /// The operation (`DescribeCluster`).
    public var operation: String
    /// The endpoint called (redacted); for ``Kind/transport``, the request URL.
    public var endpoint: String
    /// `x-amzn-RequestId`, when EMR sent one.
    public var requestID: String?
    /// The HTTP status, when a response head arrived (0 when the request could not even be built).
    public var status: Int?
    /// EMR's error code (`InvalidRequestException`) for ``Kind/service``; nil otherwise.
    public var code: String?
    /// What was wrong: EMR's message, why the answer is unreadable, the transport's detail, or what was found
    /// after an ambiguous failure.
    public var message: String
    /// A bounded excerpt of an unreadable body (redacted); empty otherwise.
    public var excerpt: String
    /// The transport failure behind a ``Kind/transport`` error (its kind says whether a retry may help and
    /// whether the request may have reached EMR); nil otherwise.
    public var transportFailure: TransportError?

    /// The service name in every description.
    static let service = "EMR"

    /// Wraps a service error answered by EMR.
    public init(_ error: AWSError) {
        self.kind = .service
        self.operation = error.operation
        self.endpoint = error.endpoint
        self.requestID = error.requestID
        self.status = error.status
        self.code = error.code
        self.message = error.message
        self.excerpt = ""
    }

    /// Wraps an answer that could not be understood.
    public init(_ error: AWSResponseError) {
        self.kind = .unreadableResponse
        self.operation = error.operation
        self.endpoint = error.endpoint
        self.status = error.status
        self.message = error.reason
        self.excerpt = error.excerpt
    }

    /// Wraps a request that got no complete response; `operation` names the call when the transport did not.
    public init(_ error: TransportError, operation: String) {
        var failure = error
        if failure.operation == nil { failure.operation = operation }
        self.kind = .transport
        self.operation = failure.operation ?? operation
        self.endpoint = failure.endpoint
        self.status = failure.responseStatus
        self.message = failure.detail
        self.excerpt = ""
        self.transportFailure = failure
    }

    /// An answer that said 2xx but could not be read, found by the client itself (`reason` is quoted here).
    static func unreadable(operation: String, endpoint: String, status: Int, reason: String) -> EMRError {
        EMRError(
            AWSResponseError(
                service: service, operation: operation, endpoint: endpoint, status: status,
                reason: reason, excerpt: ""))
    }

    /// A non-idempotent call whose effect could not be pinned down after an ambiguous failure; `reason` is
    /// built from quoted names and ids, and redacted again whenever it is described.
    static func outcomeUnknown(operation: String, endpoint: String, reason: String) -> EMRError {
        EMRError(
            kind: .outcomeUnknown, operation: operation,
            endpoint: OutsideText.quoted(Redactor.maskingUserInfo(inURL: endpoint)), message: reason)
    }

    private init(kind: Kind, operation: String, endpoint: String, message: String) {
        self.kind = kind
        self.operation = operation
        self.endpoint = endpoint
        self.message = message
        self.excerpt = ""
    }

    /// Whether EMR throttled the call (it was not processed; waiting and retrying is safe).
    public var isThrottling: Bool {
        guard kind == .service, let status, let code else { return false }
        return RetryClassifier.classify(status: status, code: code, mode: .standard) == .throttling
    }

    /// Whether trying the same call again later may succeed: throttling, a 5xx, or a transient transport failure.
    public var isRetryable: Bool {
        switch kind {
        case .service: return isThrottling || (status ?? 0) >= 500
        case .transport: return transportFailure?.isTransient ?? false
        case .unreadableResponse, .outcomeUnknown: return false
        }
    }

    /// The one-line account of the failure:
    /// - service: `EMR DescribeCluster: InvalidRequestException (HTTP 400): … [request id …, endpoint …]`;
    /// - unreadable: `EMR ListClusters: unreadable response from http://…: body is not JSON (HTTP 200): <html>…`;
    /// - transport: `POST http://…/ (ListClusters): timed out (…)`;
    /// - outcome unknown: `EMR AddJobFlowSteps: outcome unknown: …`.
    public var description: String {
        switch kind {
        case .service:
            var text = "\(Self.service) \(operation): \(code ?? "") (HTTP \(status ?? 0))"
            if !message.isEmpty { text += ": \(message)" }
            var context = ["endpoint \(endpoint)"]
            if let requestID { context.insert("request id \(requestID)", at: 0) }
            return text + " [\(context.joined(separator: ", "))]"
        case .unreadableResponse:
            return "\(Self.service) \(operation): unreadable response from \(endpoint): \(message) (HTTP \(status ?? 0))"
                + (excerpt.isEmpty ? "" : ": \(excerpt)")
        case .transport:
            return transportFailure?.description ?? "\(endpoint) (\(operation)): \(message)"
        case .outcomeUnknown:
            return "\(Self.service) \(operation): outcome unknown: \(Redactor.shared.redact(message))"
        }
    }
}

extension EMRError {
    /// `error` as an ``EMRError`` when it is one of the protocol client's failures (service error, unreadable
    /// answer, transport failure); any other error (already an ``EMRError``, `CredentialError`,
    /// `CancellationError`) unchanged.
    static func wrapping(_ error: any Error, operation: String) -> any Error {
        switch error {
        case let error as AWSError: return EMRError(error)
        case let error as AWSResponseError: return EMRError(error)
        case let error as TransportError: return EMRError(error, operation: operation)
        default: return error
        }
    }
}
