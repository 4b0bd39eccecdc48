import Crypto
import Foundation
import SparkDeployCore

/// Builds the SigV4 canonical request exactly as botocore's `SigV4Auth.canonical_request` does.
enum CanonicalRequest {
    /// Headers botocore never signs (`SIGNED_HEADERS_BLACKLIST`), plus `authorization`.
    static let unsignedHeaders: Set<String> = [
        "authorization", "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization",
        "te", "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    ]

    /// The signed headers: lower-case name → values in order, `host` added from the URL when missing.
    static func headersToSign(_ request: SigV4Request, url: SigV4URL) -> [(name: String, values: [String])] {
        var order: [String] = []
        var values: [String: [String]] = [:]
        for header in request.headers {
            let name = header.name.lowercased().trimmingCharacters(in: .whitespaces)
            guard !unsignedHeaders.contains(name) else { continue }
            if values[name] == nil { order.append(name) }
            values[name, default: []].append(header.value)
        }
        if values["host"] == nil {
            order.append("host")
            values["host"] = [url.hostHeader]
        }
        return order.sorted(by: byteOrder).map { ($0, values[$0] ?? []) }
    }

    /// `method \n uri \n query \n headers \n\n signed \n payload-hash`.
    static func build(
        _ request: SigV4Request, url: SigV4URL,
        flavor: SigV4Flavor = .standard
    ) -> (text: String, signedHeaders: String) {
        let headers = headersToSign(request, url: url)
        let canonicalHeaders = headers.map { header in
            "\(header.name):" + header.values.map(trimAll).joined(separator: ",")
        }.joined(separator: "\n")
        let signed = headers.map(\.name).joined(separator: ";")
        let payload = request.values(of: "X-Amz-Content-SHA256").first ?? hexSHA256(request.body)
        let text = [
            request.method.uppercased(),
            flavor == .s3 ? (url.path.isEmpty ? "/" : url.path) : canonicalURI(url.path),
            canonicalQuery(url.query),
            canonicalHeaders + "\n",
            signed,
            payload,
        ].joined(separator: "\n")
        return (text, signed)
    }

    /// Normalises the path (dot segments and empty segments removed, as botocore) and encodes it;
    /// an empty path is `/`. The path is taken in its wire (percent-encoded) form, so a `%` is encoded again.
    static func canonicalURI(_ path: String) -> String {
        URIEncoding.encode(normalizePath(path), keepSlash: true)
    }

    /// botocore's `normalize_url_path` / `remove_dot_segments`.
    static func normalizePath(_ path: String) -> String {
        guard !path.isEmpty else { return "/" }
        var output: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) where segment != "." {
            if segment == ".." {
                if !output.isEmpty { output.removeLast() }
            } else {
                output.append(segment)
            }
        }
        let first = path.hasPrefix("/") ? "/" : ""
        let last = path.hasSuffix("/") && !output.isEmpty ? "/" : ""
        return first + output.joined(separator: "/") + last
    }

    /// Pairs split on `&` and `=`, each part decoded and re-encoded (`%20`, never `+`), sorted by
    /// encoded name then value in byte order.
    static func canonicalQuery(_ query: String) -> String {
        guard !query.isEmpty else { return "" }
        let pairs: [(String, String)] = query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = URIEncoding.encode(URIEncoding.decode(String(parts[0])))
            let value = parts.count > 1 ? URIEncoding.encode(URIEncoding.decode(String(parts[1]))) : ""
            return (name, value)
        }
        return pairs.sorted { lhs, rhs in
            lhs.0 == rhs.0 ? byteOrder(lhs.1, rhs.1) : byteOrder(lhs.0, rhs.0)
        }.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// Trims and folds every whitespace run to one space (Python's `' '.join(value.split())`).
    static func trimAll(_ value: String) -> String {
        value.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Byte-wise (not locale) ordering.
    static func byteOrder(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    /// Lower-case hex SHA-256.
    static func hexSHA256(_ bytes: some DataProtocol) -> String {
        Hex.encode(SHA256.hash(data: bytes))
    }
}
