import SparkDeployCore

/// An error response from S3, with the call it answered: operation, bucket, key, status, S3's error code
/// (`PreconditionFailed`, `ConditionalRequestConflict`, `NoSuchKey`, `NoSuchBucket`, `AccessDenied`, …),
/// message and request id.
///
/// Every server-controlled text is quoted as `OutsideText` (redacted, escaped, capped); credentials are never
/// part of it.
public struct S3Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// The operation (`PutObject`).
    public var operation: String
    /// The bucket.
    public var bucket: String
    /// The key, `nil` for a bucket operation.
    public var key: String?
    /// S3's error code; for a body-less answer (HEAD), the code S3 would have sent for that status
    /// (`NoSuchKey` for 404, `AccessDenied` for 403, `PreconditionFailed` for 412), else `HTTP<status>`.
    public var code: String
    /// S3's message, possibly empty.
    public var message: String
    /// The HTTP status.
    public var status: Int
    /// `x-amz-request-id` (or the body's `RequestId`), when sent.
    public var requestID: String?
    /// The endpoint called (redacted).
    public var endpoint: String

    /// Creates an error; server-controlled texts are quoted as `OutsideText`.
    public init(
        operation: String, bucket: String, key: String?, code: String, message: String, status: Int,
        requestID: String?, endpoint: String
    ) {
        self.operation = operation
        self.bucket = OutsideText.quoted(bucket)
        self.key = key.map { OutsideText.quoted($0) }
        self.code = OutsideText.quoted(code)
        self.message = OutsideText.quoted(message, limit: 2 * OutsideText.quoteLimit)
        self.status = status
        self.requestID = requestID.map { OutsideText.quoted($0) }
        self.endpoint = OutsideText.quoted(Redactor.maskingUserInfo(inURL: endpoint))
    }

    /// The condition of a conditional request did not hold (`If-None-Match: *` on an existing object, a stale
    /// `If-Match` ETag): HTTP 412.
    public var isPreconditionFailed: Bool { code == "PreconditionFailed" || status == 412 }
    /// Another conditional write to the same key was in flight (HTTP 409 `ConditionalRequestConflict`);
    /// read the object again and decide.
    public var isConditionalConflict: Bool { code == "ConditionalRequestConflict" }
    /// The key (or, for `NoSuchBucket`, the bucket) does not exist.
    public var isNotFound: Bool { code == "NoSuchKey" || code == "NoSuchBucket" || status == 404 }

    /// `S3 PutObject s3://bucket/key: PreconditionFailed (HTTP 412): At least one of the pre-conditions you
    /// specified did not hold [request id …, endpoint …]`.
    public var description: String {
        var text = "S3 \(operation) s3://\(bucket)" + (key.map { "/\($0)" } ?? "") + ": \(code) (HTTP \(status))"
        if !message.isEmpty { text += ": \(message)" }
        var context = ["endpoint \(endpoint)"]
        if let requestID { context.insert("request id \(requestID)", at: 0) }
        return text + " [\(context.joined(separator: ", "))]"
    }
}

/// A conditional write (`If-None-Match: *`, `If-Match`) or conditional delete that failed after the
/// request may have reached S3 (a 5xx, a time-out, a dropped connection): it may or may not have taken
/// effect, and it was deliberately not re-sent. Read the object (its ETag and body) to learn which.
public struct S3OutcomeUnknownError: Error, Sendable, CustomStringConvertible {
    /// The operation (`PutObject`).
    public var operation: String
    /// The bucket.
    public var bucket: String
    /// The key.
    public var key: String?
    /// The failure as observed (an ``S3Error`` or transport error description).
    public var cause: String

    /// Creates an error.
    public init(operation: String, bucket: String, key: String?, cause: String) {
        self.operation = operation
        self.bucket = OutsideText.quoted(bucket)
        self.key = key.map { OutsideText.quoted($0) }
        self.cause = OutsideText.quoted(cause, limit: 2 * OutsideText.quoteLimit)
    }

    /// `S3 PutObject s3://bucket/key: outcome unknown (conditional write not retried; read the object to
    /// check): …`.
    public var description: String {
        "S3 \(operation) s3://\(bucket)" + (key.map { "/\($0)" } ?? "")
            + ": outcome unknown (conditional write not retried; read the object to check): \(cause)"
    }
}

/// An S3 answer that could not be understood (a list result that is not the documented XML).
public struct S3ResponseError: Error, Sendable, CustomStringConvertible {
    /// The operation.
    public var operation: String
    /// `s3://bucket[/key]`.
    public var location: String
    /// What was wrong.
    public var reason: String
    /// A bounded, redacted excerpt of the body.
    public var excerpt: String

    /// Creates an error; texts are quoted as `OutsideText`.
    public init(operation: String, location: String, reason: String, excerpt: String) {
        self.operation = operation
        self.location = OutsideText.quoted(location)
        self.reason = OutsideText.quoted(reason)
        self.excerpt = OutsideText.quoted(excerpt)
    }

    /// `S3 ListObjectsV2 s3://bucket: unreadable response: …: <excerpt>`.
    public var description: String {
        "S3 \(operation) \(location): unreadable response: \(reason)" + (excerpt.isEmpty ? "" : ": \(excerpt)")
    }
}
