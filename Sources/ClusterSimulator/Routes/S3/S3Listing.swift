import Foundation
import HTTPTypes

/// ListObjectsV2 and ListBuckets documents.
enum S3Listing {
    /// S3's largest (and default) page.
    static let maxPage = 1000

    /// ListObjectsV2: keys under `prefix` in UTF-8 order after the continuation token (or `start-after`),
    /// `max-keys` per page; the token is the hex of the page's last key (opaque to clients, URL-safe).
    static func objectsV2(bucket name: String, input: S3Input, store: S3Store) -> Result<S3Answer, S3Failure> {
        guard let bucket = store.buckets[name] else { return .failure(.noSuchBucket(name)) }
        var maxKeys = maxPage
        if let text = input.parameter("max-keys") {
            guard let value = Int(text), value >= 0 else {
                return .failure(
                    .invalidArgument(
                        "Provided max-keys not an integer or within integer range",
                        name: "max-keys", value: text))
            }
            maxKeys = min(value, maxPage)
        }
        let prefix = input.parameter("prefix") ?? ""
        let token = input.parameter("continuation-token")
        var after: String? = input.parameter("start-after")
        if let token {
            guard let key = Self.key(fromToken: token) else {
                return .failure(
                    .invalidArgument(
                        "The continuation token provided is incorrect",
                        name: "continuation-token", value: token))
            }
            after = key
        }
        let keys = S3Store.sortedKeys(of: bucket).filter { key in
            key.hasPrefix(prefix) && (after.map { $0.utf8.lexicographicallyPrecedes(key.utf8) } ?? true)
        }
        let page = Array(keys.prefix(maxKeys))
        // `encoding-type=url` (boto3 and the AWS CLI ask for it): keys and prefixes come percent-encoded.
        let urlEncoded = input.parameter("encoding-type") == "url"
        func shown(_ text: String) -> String { urlEncoded ? percentEncoded(text) : text }
        let truncated = maxKeys > 0 && keys.count > page.count
        var xml = S3XML.declaration + "<ListBucketResult xmlns=\"\(S3XML.namespace)\">"
        xml += S3XML.element("Name", name) + S3XML.element("Prefix", shown(prefix))
        if let token { xml += S3XML.element("ContinuationToken", token) }
        if token == nil, let start = input.parameter("start-after") { xml += S3XML.element("StartAfter", shown(start)) }
        xml += S3XML.element("KeyCount", String(page.count)) + S3XML.element("MaxKeys", String(maxKeys))
        if urlEncoded { xml += S3XML.element("EncodingType", "url") }
        xml += S3XML.element("IsTruncated", truncated ? "true" : "false")
        for key in page {
            guard let object = bucket.objects[key] else { continue }
            xml +=
                "<Contents>" + S3XML.element("Key", shown(key)) + S3XML.element("LastModified", S3XML.iso8601(object.lastModified))
                + S3XML.element("ETag", object.etag) + S3XML.element("Size", String(object.body.count))
                + S3XML.element("StorageClass", "STANDARD") + "</Contents>"
        }
        if truncated, let last = page.last {
            xml += S3XML.element("NextContinuationToken", Self.token(after: last))
        }
        xml += "</ListBucketResult>"
        return .success(document(xml))
    }

    /// ListBuckets (`GET /`): every bucket by name.
    static func buckets(_ store: S3Store) -> S3Answer {
        var xml = S3XML.declaration + "<ListAllMyBucketsResult xmlns=\"\(S3XML.namespace)\">"
        xml += "<Owner>" + S3XML.element("ID", "sparkdeploy-sandbox") + S3XML.element("DisplayName", "sandbox") + "</Owner>"
        xml += "<Buckets>"
        for name in store.buckets.keys.sorted() {
            xml +=
                "<Bucket>" + S3XML.element("Name", name)
                + S3XML.element("CreationDate", S3XML.iso8601(store.buckets[name]?.created ?? 0)) + "</Bucket>"
        }
        xml += "</Buckets></ListAllMyBucketsResult>"
        return document(xml)
    }

    /// `text` with every byte but the unreserved characters and `/` percent-encoded (`a b+c` → `a%20b%2Bc`).
    static func percentEncoded(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// The continuation token that resumes after `key`.
    static func token(after key: String) -> String {
        key.utf8.map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
    }

    /// The key a continuation token resumes after, or `nil` when it is not one of ours.
    static func key(fromToken token: String) -> String? {
        let digits = Array(token.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        for i in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[i..<i + 2], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func document(_ xml: String) -> S3Answer {
        var headers: HTTPFields = [:]
        headers[.contentType] = "application/xml"
        return S3Answer(headers: headers, body: Array(xml.utf8))
    }
}
