import Foundation

/// The parts of an HTTP request that Signature Version 4 covers, as plain values.
///
/// The signer works on this type (not on a transport's request type) so that it depends on
/// nothing but Foundation and swift-crypto.
public struct SigV4Request: Sendable, Equatable {
    /// One header field; a name may repeat.
    public struct Header: Sendable, Equatable {
        /// The field name as sent (case is kept; signing lower-cases it).
        public var name: String
        /// The field value as sent.
        public var value: String
        /// Creates a header field.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The method, e.g. `POST`.
    public var method: String
    /// The absolute URL as it goes on the wire (path and query already percent-encoded).
    public var url: String
    /// Header fields in order.
    public var headers: [Header]
    /// The body bytes.
    public var body: [UInt8]

    /// Creates a request.
    public init(method: String, url: String, headers: [Header] = [], body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The values of header `name` (case-insensitive), in order.
    public func values(of name: String) -> [String] {
        headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
    }

    /// Removes every field called `name` (case-insensitive).
    public mutating func removeHeader(_ name: String) {
        headers.removeAll { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// Replaces every field called `name` with one field of `value`.
    public mutating func setHeader(_ name: String, _ value: String) {
        removeHeader(name)
        headers.append(Header(name: name, value: value))
    }
}
