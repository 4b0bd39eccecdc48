import Foundation

/// The pieces of an absolute URL that signing needs, split without decoding anything.
struct SigV4URL: Sendable, Equatable {
    /// `http` or `https`, lower case.
    var scheme: String
    /// Host name, lower case, IPv6 literals in brackets.
    var host: String
    /// Explicit port, if any.
    var port: Int?
    /// The path as written (percent-encoded form), possibly empty.
    var path: String
    /// The query string without `?`, possibly empty.
    var query: String

    /// Splits `url`; returns `nil` when it has no `scheme://host`.
    init?(_ url: String) {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        scheme = url[..<schemeEnd.lowerBound].lowercased()
        var rest = Substring(url[schemeEnd.upperBound...])
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        let remainder = rest[authorityEnd...]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = String(authority[...close]).lowercased()
            let after = authority[authority.index(after: close)...]
            port = after.hasPrefix(":") ? Int(after.dropFirst()) : nil
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon].lowercased()
            port = Int(authority[authority.index(after: colon)...])
        } else {
            host = authority.lowercased()
            port = nil
        }
        guard !host.isEmpty else { return nil }
        if let question = remainder.firstIndex(of: "?") {
            path = String(remainder[..<question])
            query = String(remainder[remainder.index(after: question)...])
        } else {
            path = String(remainder)
            query = ""
        }
    }

    /// The `Host` header value: the port only when it is not the scheme's default (as botocore).
    var hostHeader: String {
        guard let port else { return host }
        let defaultPort = scheme == "https" ? 443 : (scheme == "http" ? 80 : -1)
        return port == defaultPort ? host : "\(host):\(port)"
    }
}
