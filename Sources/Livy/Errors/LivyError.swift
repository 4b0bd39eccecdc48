import SparkDeployCore

/// A failed Livy operation: what kind of failure, which endpoint, and what the server said.
///
/// The endpoint is stored without credentials and every server-supplied text is quoted as ``OutsideText``;
/// ``description`` is safe to log and to show to a user.
public struct LivyError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure. A struct of static values (not an enum) so that new kinds break no caller.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// A stable, short name (`"notFound"`), usable as a metric label and in Lua error codes.
        public let rawValue: String
        /// Creates a code.
        public init(_ rawValue: String) { self.rawValue = rawValue }
        /// The name.
        public var description: String { rawValue }

        /// 400: Livy refused the request (a missing `file`, a duplicate name, the CSRF header missing).
        public static let badRequest = Code("badRequest")
        /// 401: not authenticated (HTTP Basic / LDAP).
        public static let unauthorized = Code("unauthorized")
        /// 403: authenticated but not allowed (impersonation, modify access).
        public static let forbidden = Code("forbidden")
        /// 404: no such batch (never created, deleted, or forgotten after it finished).
        public static let notFound = Code("notFound")
        /// 5xx / 429 after every retry.
        public static let unavailable = Code("unavailable")
        /// The response could not be understood (not JSON, wrong types, missing fields).
        public static let decoding = Code("decoding")
        /// The request got no complete HTTP response (connect failure, time-out, TLS).
        public static let transport = Code("transport")
        /// A wait's deadline passed before the awaited state.
        public static let timeout = Code("timeout")
        /// A waited-for batch ended in a state from which the awaited one cannot come.
        public static let unexpectedState = Code("unexpectedState")
        /// A batch creation failed ambiguously and whether it took effect could not be found out.
        public static let outcomeUnknown = Code("outcomeUnknown")
        /// The client was configured wrongly (no URL, a URL that is not http(s)).
        public static let configuration = Code("configuration")
        /// The operation was cancelled.
        public static let cancelled = Code("cancelled")
        /// Any other HTTP status.
        public static let httpStatus = Code("httpStatus")
    }

    /// The kind of failure.
    public var code: Code
    /// The operation (`"createBatch"`, `"batch"`, `"deleteBatch"`…).
    public var operation: String
    /// The HTTP method, when a request was involved.
    public var method: String?
    /// The endpoint URL, without credentials.
    public var endpoint: String?
    /// The HTTP status, when one was received.
    public var status: Int?
    /// Livy's message (`{"msg": …}` or a body excerpt), quoted.
    public var message: String
    /// The batch concerned, if any.
    public var batchId: Int?
    /// The last state a wait saw.
    public var lastState: String?
    /// How many polls a wait made.
    public var polls: Int?
    /// Whether a failed creation may nevertheless have reached Livy and created a batch.
    public var mayHaveTakenEffect: Bool

    /// Creates an error; `endpoint` loses its user info and `message` is quoted as ``OutsideText`` here.
    public init(
        _ code: Code, operation: String, method: String? = nil, endpoint: String? = nil, status: Int? = nil,
        message: String, batchId: Int? = nil, lastState: String? = nil, polls: Int? = nil, mayHaveTakenEffect: Bool = false
    ) {
        self.code = code
        self.operation = operation
        self.method = method
        self.endpoint = endpoint.map { OutsideText.quoted(Redactor.maskingUserInfo(inURL: $0)) }
        self.status = status
        self.message = OutsideText.quoted(message, limit: 2 * OutsideText.quoteLimit)
        self.batchId = batchId
        self.lastState = lastState
        self.polls = polls
        self.mayHaveTakenEffect = mayHaveTakenEffect
    }

    /// `"Livy createBatch failed (badRequest, HTTP 400) POST http://livy:8998/batches: Duplicate session name…"`.
    public var description: String {
        var head = "Livy \(operation) failed (\(code)"
        if let status { head += ", HTTP \(status)" }
        head += ")"
        if let method, let endpoint { head += " \(method) \(endpoint)" } else if let endpoint { head += " \(endpoint)" }
        var parts = [head + ": " + message]
        if let batchId { parts.append("batch \(batchId)") }
        if let lastState { parts.append("last state \(lastState)") }
        if let polls { parts.append("\(polls) polls") }
        return parts.joined(separator: "; ")
    }

    /// Whether retrying the request may succeed (a 5xx or 429, or a connection problem).
    public var isTransient: Bool { code == .unavailable || code == .transport }
}
