import SparkDeployCore

/// A failed ResourceManager operation: what kind of failure, where, and what the RM said.
///
/// The endpoint is stored redacted and no credential is ever put into a `YARNError`;
/// ``description`` is safe to log and to show to a user.
public struct YARNError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure. A struct of static values (not an enum) so that new kinds break no caller.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// A stable, short name (`"notFound"`), usable as a metric label.
        public let rawValue: String
        /// Creates a code.
        public init(_ rawValue: String) { self.rawValue = rawValue }
        /// The name.
        public var description: String { rawValue }

        /// The RM answered with a `RemoteException` body on a status not covered by a more specific code.
        public static let remoteException = Code("remoteException")
        /// 401: not authenticated (anonymous access disabled, bad credentials).
        public static let unauthorized = Code("unauthorized")
        /// 403: authenticated but denied (ACLs, static user, REST submission disabled).
        public static let forbidden = Code("forbidden")
        /// 404: no such application (or it was evicted from the RM's memory).
        public static let notFound = Code("notFound")
        /// 400: the RM rejected the request's parameters or body.
        public static let badRequest = Code("badRequest")
        /// Every configured RM is standby (or redirects) and none is active.
        public static let standbyNoActive = Code("standbyNoActive")
        /// 5xx / 429 after all retries, or no RM could be reached at all.
        public static let unavailable = Code("unavailable")
        /// The response body could not be understood (truncated, wrong types, HTML, not UTF-8).
        public static let decoding = Code("decoding")
        /// The request got no complete HTTP response (connect failure, time-out, TLS).
        public static let transport = Code("transport")
        /// A waiter's deadline passed before the awaited state was reached.
        public static let timeout = Code("timeout")
        /// A watched application left the state it had to hold.
        public static let leftState = Code("leftState")
        /// A Spark application held RUNNING but made no progress: no job or batch completed in time, a job
        /// failed, or no executor was left to run tasks (the progress gate).
        public static let noProgress = Code("noProgress")
        /// A find-by-filter matched several applications.
        public static let ambiguous = Code("ambiguous")
        /// Kill/submit reached a state that cannot succeed (e.g. submit ended in an unexpected way).
        public static let unexpectedState = Code("unexpectedState")
        /// The client was configured wrongly (no endpoints, bad URL, bad yarn-site.xml).
        public static let configuration = Code("configuration")
        /// The operation was cancelled.
        public static let cancelled = Code("cancelled")
        /// Any other HTTP status.
        public static let httpStatus = Code("httpStatus")
    }

    /// The kind of failure.
    public var code: Code
    /// The operation (`"apps"`, `"kill"`, `"submit"`…).
    public var operation: String
    /// The HTTP method, when a request was involved.
    public var method: String?
    /// The endpoint URL, redacted.
    public var endpoint: String?
    /// The HTTP status, when one was received.
    public var status: Int?
    /// The Java exception's simple name from a `RemoteException` body (`"NotFoundException"`).
    public var exception: String?
    /// The RM's message (RemoteException message, or a plain-text body excerpt), redacted.
    public var message: String
    /// The application concerned, if any.
    public var applicationId: String?
    /// The last state a waiter saw (for time-outs and left-state failures).
    public var lastState: String?
    /// How many polls a waiter made.
    public var polls: Int?
    /// Whether a failed mutation may nevertheless have reached the RM and taken effect
    /// (a connection lost after sending); such a request must be checked, not re-sent.
    public var mayHaveTakenEffect: Bool

    /// Creates an error; `endpoint`, `exception` and `message` are quoted as ``OutsideText`` here.
    public init(
        _ code: Code, operation: String, method: String? = nil, endpoint: String? = nil,
        status: Int? = nil, exception: String? = nil, message: String,
        applicationId: String? = nil, lastState: String? = nil, polls: Int? = nil,
        mayHaveTakenEffect: Bool = false
    ) {
        self.code = code
        self.operation = operation
        self.method = method
        // Server-controlled text (may echo a token, may be megabytes, may hold escape sequences) and
        // endpoints whose query quotes a name: redacted, escaped and capped.
        self.endpoint = endpoint.map { OutsideText.quoted(Redactor.maskingUserInfo(inURL: Self.strippingQuerySecrets($0))) }
        self.status = status
        self.exception = exception.map { OutsideText.quoted($0) }
        self.message = OutsideText.quoted(message, limit: 2 * OutsideText.quoteLimit)
        self.applicationId = applicationId
        self.lastState = lastState
        self.polls = polls
        self.mayHaveTakenEffect = mayHaveTakenEffect
    }

    /// `"YARN kill failed (forbidden, HTTP 403) PUT http://rm:8088/ws/v1/cluster/apps/…/state: Unauthorized attempt…"`.
    public var description: String {
        var head = "YARN \(operation) failed (\(code)"
        if let status { head += ", HTTP \(status)" }
        if let exception { head += ", \(exception)" }
        head += ")"
        if let method, let endpoint { head += " \(method) \(endpoint)" } else if let endpoint { head += " \(endpoint)" }
        var parts = [head + ": " + message]
        if let applicationId { parts.append("app \(applicationId)") }
        if let lastState { parts.append("last state \(lastState)") }
        if let polls { parts.append("\(polls) polls") }
        return parts.joined(separator: "; ")
    }

    /// Removes the values of `user.name`-independent secret query parameters (`delegation=`).
    static func strippingQuerySecrets(_ url: String) -> String {
        guard let q = url.firstIndex(of: "?") else { return url }
        let base = url[..<q]
        let items = url[url.index(after: q)...].split(separator: "&").map { item -> String in
            let name = item.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            return Redactor.isSecretName(name) || name == "delegation" ? "\(name)=\(Redactor.mask)" : String(item)
        }
        return base + "?" + items.joined(separator: "&")
    }
}
