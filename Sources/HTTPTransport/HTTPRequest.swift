import Foundation

/// An HTTP request as the clients build it: plain values, no client library types.
public struct HTTPRequest: Sendable {
    /// The method, upper case (`GET`, `PUT`, `POST`…).
    public var method: String
    /// The absolute URL, with query string.
    public var url: String
    /// Header fields in order; a name may repeat.
    public var headers: [(name: String, value: String)]
    /// The body bytes (empty for none).
    public var body: [UInt8]
    /// This request's total time limit in seconds, overriding the transport's default.
    public var timeout: Double?
    /// The largest response body this request accepts, overriding the transport's default; reading
    /// stops as soon as the body grows past it.
    public var maxResponseBytes: Int?

    /// Creates a request.
    public init(
        method: String, url: String, headers: [(name: String, value: String)] = [],
        body: [UInt8] = [], timeout: Double? = nil, maxResponseBytes: Int? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
    }

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// Sets header `name`, replacing any existing values.
    public mutating func setHeader(_ name: String, _ value: String) {
        headers.removeAll { $0.name.caseInsensitiveCompare(name) == .orderedSame }
        headers.append((name, value))
    }
}
