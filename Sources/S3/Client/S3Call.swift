import AWSCore

/// One S3 request before addressing and signing: what to call on which bucket and key.
struct S3Call: Sendable {
    /// The operation name for errors and logs (`PutObject`).
    var operation: String
    /// `GET`, `PUT`, `HEAD`, `DELETE`.
    var method: String
    /// The bucket.
    var bucket: String
    /// The key, or `nil` for a bucket operation.
    var key: String?
    /// Query parameters, unencoded.
    var query: [(name: String, value: String)] = []
    /// Extra headers (conditions, content type).
    var headers: [(name: String, value: String)] = []
    /// The body.
    var body: [UInt8] = []
    /// Whether re-sending after the request may have reached S3 could change the outcome (a conditional
    /// write): then a 5xx or time-out is reported as ``S3OutcomeUnknownError`` instead of retried.
    var conditionalWrite = false

    /// The URL of this call against `endpoint`, the bucket in the path or in the host name; the key is
    /// percent-encoded once, `/` kept, exactly as S3 signs it.
    func url(endpoint: String, addressing: S3Addressing) -> String {
        var path = ""
        let encodedKey = key.map { "/" + URIEncoding.encode($0, keepSlash: true) } ?? ""
        var base = endpoint
        if addressing == .virtualHosted && Self.isVirtualHostable(bucket),
            let schemeEnd = endpoint.range(of: "://")
        {
            base = endpoint[..<schemeEnd.upperBound] + bucket + "." + endpoint[schemeEnd.upperBound...]
            path = encodedKey.isEmpty ? "/" : encodedKey
        } else {
            path = "/" + URIEncoding.encode(bucket) + encodedKey
        }
        let queryText = query.map { "\(URIEncoding.encode($0.name))=\(URIEncoding.encode($0.value))" }
            .joined(separator: "&")
        return base + path + (queryText.isEmpty ? "" : "?" + queryText)
    }

    /// `s3://bucket/key` (or `s3://bucket`), for errors.
    var location: String { "s3://\(bucket)" + (key.map { "/\($0)" } ?? "") }

    /// A DNS label-compatible bucket name (lower case, digits, `-`; 3–63 characters; no dots, which break TLS).
    static func isVirtualHostable(_ bucket: String) -> Bool {
        guard (3...63).contains(bucket.utf8.count), bucket.first != "-", bucket.last != "-" else { return false }
        return bucket.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "-")
        }
    }
}
