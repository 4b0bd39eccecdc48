/// The simulated S3's buckets and objects, in memory (part of ``CoreState``).
struct S3Store: Sendable {
    /// One stored object.
    struct StoredObject: Sendable {
        /// The bytes.
        var body: [UInt8]
        /// Quoted hex MD5 of the body, as S3 sends it.
        var etag: String
        /// When it was written, in virtual epoch seconds.
        var lastModified: Double
        /// The `Content-Type` it was stored with.
        var contentType: String
    }

    /// One bucket.
    struct Bucket: Sendable {
        /// When it was created, in virtual epoch seconds.
        var created: Double
        /// Objects by key.
        var objects: [String: StoredObject] = [:]
    }

    /// Buckets by name.
    var buckets: [String: Bucket] = [:]

    /// Creates `name` (no-op when it exists).
    mutating func ensureBucket(_ name: String, now: Double) {
        if buckets[name] == nil { buckets[name] = Bucket(created: now) }
    }

    /// The object at `bucket`/`key`, or the S3 error a read of it gets.
    func object(bucket: String, key: String) -> Result<StoredObject, S3Failure> {
        guard let b = buckets[bucket] else { return .failure(.noSuchBucket(bucket)) }
        guard let object = b.objects[key] else { return .failure(.noSuchKey(key)) }
        return .success(object)
    }

    /// Stores `body` at `bucket`/`key` when the conditions hold; returns the new object.
    /// - Parameters:
    ///   - ifNoneMatch: the `If-None-Match` header (`*` = create only).
    ///   - ifMatch: the `If-Match` header (an ETag, quoted or not, or `*`).
    mutating func put(
        bucket: String, key: String, body: [UInt8], contentType: String, ifNoneMatch: String?,
        ifMatch: String?, now: Double
    ) -> Result<StoredObject, S3Failure> {
        guard var b = buckets[bucket] else { return .failure(.noSuchBucket(bucket)) }
        let current = b.objects[key]
        if let ifNoneMatch {
            guard ifNoneMatch.trimmingSpaces == "*" else {
                return .failure(.notImplemented("If-None-Match supports only '*' on PutObject"))
            }
            if current != nil { return .failure(.preconditionFailed(condition: "If-None-Match")) }
        }
        if let ifMatch {
            guard let current else { return .failure(.noSuchKey(key)) }
            if !Self.etag(current.etag, matches: ifMatch) { return .failure(.preconditionFailed(condition: "If-Match")) }
        }
        let stored = StoredObject(body: body, etag: S3ETag.of(body), lastModified: now, contentType: contentType)
        b.objects[key] = stored
        buckets[bucket] = b
        return .success(stored)
    }

    /// Deletes `bucket`/`key` when `ifMatch` (if any) holds; a missing key without `ifMatch` is no error.
    mutating func delete(bucket: String, key: String, ifMatch: String?) -> Result<Void, S3Failure> {
        guard var b = buckets[bucket] else { return .failure(.noSuchBucket(bucket)) }
        if let ifMatch {
            guard let current = b.objects[key] else { return .failure(.noSuchKey(key)) }
            if !Self.etag(current.etag, matches: ifMatch) { return .failure(.preconditionFailed(condition: "If-Match")) }
        }
        b.objects[key] = nil
        buckets[bucket] = b
        return .success(())
    }

    /// True when an `If-Match` value names `etag` (quotes optional, `*` matches any, a comma-separated list
    /// matches any member).
    static func etag(_ etag: String, matches header: String) -> Bool {
        func bare(_ text: Substring) -> Substring {
            var t = text.trimmingSpaces
            if t.hasPrefix("W/") { t = t.dropFirst(2) }
            if t.hasPrefix("\"") && t.hasSuffix("\"") && t.count >= 2 { t = t.dropFirst().dropLast() }
            return t
        }
        let current = bare(etag[...])
        return header.split(separator: ",").contains { $0.trimmingSpaces == "*" || bare($0) == current }
    }

    /// Keys of `bucket` in S3's order (UTF-8 byte order).
    static func sortedKeys(of bucket: Bucket) -> [String] {
        bucket.objects.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces.
    var trimmingSpaces: Substring {
        var t = self[...].drop { $0 == " " }
        while t.last == " " { t = t.dropLast() }
        return Substring(t)
    }
}
