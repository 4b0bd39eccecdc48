import SparkDeployCore

/// An error response from an AWS service: `{"__type": "…#Code", "Message": "…"}` with its HTTP status.
///
/// Never holds credentials: message and endpoint pass through ``Redactor/shared``.
public struct AWSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The service (`EMR`).
    public var service: String
    /// The operation (`DescribeCluster`).
    public var operation: String
    /// The error code, `__type` with everything up to `#` stripped (`InvalidRequestException`).
    public var code: String
    /// The service's message (`Message` or `message`).
    public var message: String
    /// The HTTP status.
    public var status: Int
    /// `x-amzn-RequestId`, when sent.
    public var requestID: String?
    /// The endpoint called (redacted).
    public var endpoint: String

    /// Creates an error; `code`, `message`, `requestID` and `endpoint` are quoted as ``OutsideText``: redacted
    /// (a server or proxy may echo the request's session token into any of them), escaped and capped.
    public init(
        service: String, operation: String, code: String, message: String, status: Int,
        requestID: String?, endpoint: String
    ) {
        self.service = service
        self.operation = operation
        // Server-controlled (`__type`, `x-amzn-ErrorType`, the body): redacted, escaped and capped.
        self.code = OutsideText.quoted(code)
        self.message = OutsideText.quoted(message, limit: 2 * OutsideText.quoteLimit)
        self.status = status
        self.requestID = requestID.map { OutsideText.quoted($0) }
        self.endpoint = OutsideText.quoted(Redactor.maskingUserInfo(inURL: endpoint))
    }

    /// Whether the service throttled the call.
    public var isThrottling: Bool { RetryClassifier.classify(status: status, code: code, mode: .standard) == .throttling }

    /// `EMR DescribeCluster: InvalidRequestException (HTTP 400): Cluster id is not valid [request id …, endpoint …]`.
    public var description: String {
        var text = "\(service) \(operation): \(code) (HTTP \(status))"
        if !message.isEmpty { text += ": \(message)" }
        var context = ["endpoint \(endpoint)"]
        if let requestID { context.insert("request id \(requestID)", at: 0) }
        return text + " [\(context.joined(separator: ", "))]"
    }
}

/// A response that could not be understood: not JSON, not the expected shape, or too large.
public struct AWSResponseError: Error, Sendable, CustomStringConvertible {
    /// The service (`EMR`).
    public var service: String
    /// The operation.
    public var operation: String
    /// The endpoint called (redacted).
    public var endpoint: String
    /// The HTTP status.
    public var status: Int
    /// What was wrong (`body is not JSON`, `missing key Cluster`, …).
    public var reason: String
    /// A bounded excerpt of the body (redacted).
    public var excerpt: String

    /// Creates an error; every text is quoted as ``OutsideText`` (redacted, escaped, capped).
    public init(service: String, operation: String, endpoint: String, status: Int, reason: String, excerpt: String) {
        self.service = service
        self.operation = operation
        self.endpoint = OutsideText.quoted(Redactor.maskingUserInfo(inURL: endpoint))
        self.status = status
        self.reason = OutsideText.quoted(reason, limit: 2 * OutsideText.quoteLimit)
        self.excerpt = OutsideText.quoted(excerpt)
    }

    /// `EMR ListClusters: unreadable response from http://…: body is not JSON (HTTP 200): <html>…`.
    public var description: String {
        "\(service) \(operation): unreadable response from \(endpoint): \(reason) (HTTP \(status))"
            + (excerpt.isEmpty ? "" : ": \(excerpt)")
    }
}
