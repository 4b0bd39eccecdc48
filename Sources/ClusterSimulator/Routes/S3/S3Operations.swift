import Foundation
import HTTPTypes

/// What one S3 operation reads from its request.
struct S3Input: Sendable {
    var route: S3Route
    var query: [(String, String)]
    var body: [UInt8]
    var ifMatch: String?
    var ifNoneMatch: String?
    var contentType: String

    /// True for a conditional write (`If-Match` or `If-None-Match`).
    var isConditional: Bool { ifMatch != nil || ifNoneMatch != nil }

    /// The first value of query parameter `name`.
    func parameter(_ name: String) -> String? { query.first { $0.0 == name }?.1 }
}

extension SimEngine {
    /// Runs one S3 operation against the store.
    static func s3Operation(_ input: S3Input, store: inout S3Store, now: Double) -> Result<S3Answer, S3Failure> {
        switch input.route {
        case .listBuckets:
            return .success(S3Listing.buckets(store))
        case let .createBucket(bucket):
            return createBucket(bucket, body: input.body, store: &store, now: now)
        case let .listObjectsV2(bucket):
            return S3Listing.objectsV2(bucket: bucket, input: input, store: store)
        case let .putObject(bucket, key):
            return store.put(
                bucket: bucket, key: key, body: input.body, contentType: input.contentType,
                ifNoneMatch: input.ifNoneMatch, ifMatch: input.ifMatch, now: now
            ).map { stored in
                var headers: HTTPFields = [:]
                headers[.eTag] = stored.etag
                return S3Answer(headers: headers)
            }
        case let .getObject(bucket, key), let .headObject(bucket, key):
            return store.object(bucket: bucket, key: key).map { stored in
                var headers: HTTPFields = [:]
                headers[.eTag] = stored.etag
                headers[.lastModified] = S3XML.rfc1123(stored.lastModified)
                headers[.contentType] = stored.contentType
                headers[.contentLength] = String(stored.body.count)
                return S3Answer(headers: headers, body: stored.body)
            }
        case let .deleteObject(bucket, key):
            return store.delete(bucket: bucket, key: key, ifMatch: input.ifMatch).map { S3Answer(status: .noContent) }
        case let .unsupported(failure), let .invalid(failure):
            return .failure(failure)
        }
    }

    /// CreateBucket. In us-east-1 (no `LocationConstraint`) re-creating an own bucket succeeds, as AWS and moto
    /// answer; with a `LocationConstraint` it is 409 `BucketAlreadyOwnedByYou`.
    static func createBucket(_ bucket: String, body: [UInt8], store: inout S3Store, now: Double) -> Result<S3Answer, S3Failure> {
        guard isValidBucketName(bucket) else { return .failure(.invalidBucketName(bucket)) }
        let text = String(decoding: body, as: UTF8.self)
        let constrained =
            text.contains("<LocationConstraint>") && !text.contains("<LocationConstraint>us-east-1<")
            && !text.contains("<LocationConstraint></LocationConstraint>")
        if store.buckets[bucket] != nil && constrained { return .failure(.bucketAlreadyOwnedByYou(bucket)) }
        store.ensureBucket(bucket, now: now)
        var headers: HTTPFields = [:]
        headers[.location] = "/" + bucket
        return .success(S3Answer(headers: headers))
    }

    /// S3's bucket naming rules: 3–63 characters of lower-case letters, digits, `.` and `-`, starting and
    /// ending with a letter or digit.
    static func isValidBucketName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (3...63).contains(bytes.count) else { return false }
        func alnum(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) }
        guard let first = bytes.first, let last = bytes.last, alnum(first), alnum(last) else { return false }
        return bytes.allSatisfy { alnum($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
    }
}
