import SparkDeployCore

/// A failed call to a Spark driver's monitoring REST API (`/api/v1/applications/{id}/…`), directly or
/// through the ResourceManager's web proxy: which endpoint, where, what status, what the server said.
///
/// Like ``YARNError``, the URL is stored redacted and the server's text quoted (escaped, capped, secrets
/// masked); ``description`` is safe to log and to show to a user.
public struct SparkRESTError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure. A struct of static values (not an enum) so that new kinds break no caller.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// A stable, short name (`"notFound"`), usable as a metric label.
        public let rawValue: String
        /// Creates a code.
        public init(_ rawValue: String) { self.rawValue = rawValue }
        /// The name.
        public var description: String { rawValue }

        /// 404: no such application (unknown to the driver or the RM), or an endpoint the driver does not
        /// serve (`streaming/statistics` without a `StreamingContext`, `sql` before Spark 3.0).
        public static let notFound = Code("notFound")
        /// 401 or 403: the proxy or the driver UI denied the request (ACLs, Knox, SPNEGO).
        public static let forbidden = Code("forbidden")
        /// 5xx or 429 after the retries.
        public static let unavailable = Code("unavailable")
        /// Any other unexpected HTTP status.
        public static let httpStatus = Code("httpStatus")
        /// The body is not the JSON the endpoint returns (an HTML proxy error page, truncated, wrong types).
        public static let decoding = Code("decoding")
        /// A redirect that is not followed: a loop, too many hops, no usable `Location`, or https → http.
        public static let redirect = Code("redirect")
        /// No complete HTTP response (connect failure, time-out, TLS, body over the size limit).
        public static let transport = Code("transport")
        /// Every configured ResourceManager is standby or unreachable.
        public static let standbyNoActive = Code("standbyNoActive")
        /// The client was set up wrongly (a driver URL that is not http(s)).
        public static let configuration = Code("configuration")
        /// The call was cancelled.
        public static let cancelled = Code("cancelled")
    }

    /// The kind of failure.
    public var code: Code
    /// The Spark REST endpoint concerned (`"jobs"`, `"executors"`, `"streaming/statistics"`, `"sql"`).
    public var endpoint: String
    /// The last URL requested, redacted (query secrets and user info masked).
    public var url: String?
    /// The HTTP status, when one was received.
    public var status: Int?
    /// What went wrong, with an excerpt of the body when there is one; quoted and redacted.
    public var message: String
    /// The Spark (= YARN) application id, when known.
    public var applicationId: String?

    /// Creates an error; `url` and `message` are quoted as ``OutsideText`` here.
    public init(
        _ code: Code, endpoint: String, url: String? = nil, status: Int? = nil, message: String,
        applicationId: String? = nil
    ) {
        self.code = code
        self.endpoint = endpoint
        self.url = url.map { OutsideText.quoted(Redactor.maskingUserInfo(inURL: YARNError.strippingQuerySecrets($0))) }
        self.status = status
        self.message = OutsideText.quoted(message, limit: 2 * OutsideText.quoteLimit)
        self.applicationId = applicationId
    }

    /// `"Spark REST jobs failed (notFound, HTTP 404) GET http://rm:8088/proxy/…/jobs: unknown app …; app application_…"`.
    public var description: String {
        var head = "Spark REST \(endpoint) failed (\(code)"
        if let status { head += ", HTTP \(status)" }
        head += ")"
        if let url { head += " GET \(url)" }
        var parts = [head + ": " + message]
        if let applicationId { parts.append("app \(applicationId)") }
        return parts.joined(separator: "; ")
    }
}
