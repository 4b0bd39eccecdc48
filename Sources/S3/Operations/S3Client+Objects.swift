import HTTPTransport
import Logging

extension S3Client {
    /// PutObject: stores `body` at `bucket`/`key` and returns the new ETag.
    /// - Parameters:
    ///   - ifNoneMatch: send `If-None-Match: *`: create only; an existing object fails with
    ///     ``S3Error`` `PreconditionFailed` (412).
    ///   - ifMatch: send `If-Match: <etag>`: replace only that version; another fails with `PreconditionFailed`
    ///     (412), a missing object with `NoSuchKey` (404).
    ///   - contentType: the `Content-Type` to store.
    /// - Throws: ``S3Error`` (`PreconditionFailed`, `ConditionalRequestConflict` 409, `NoSuchBucket`,
    ///   `AccessDenied`, …); ``S3OutcomeUnknownError`` when a conditional write got a 5xx or timed out after it
    ///   may have reached S3 (never retried: read the object to check); `TransportError`; ``S3ResponseError``
    ///   when a 2xx answer carries no ETag.
    @discardableResult
    public func putObject(
        bucket: String, key: String, body: [UInt8], ifNoneMatch: Bool = false,
        ifMatch: String? = nil, contentType: String = "application/octet-stream",
        logger: Logger
    ) async throws -> String {
        var headers: [(name: String, value: String)] = [("Content-Type", contentType)]
        if ifNoneMatch { headers.append(("If-None-Match", "*")) }
        if let ifMatch { headers.append(("If-Match", ifMatch)) }
        let call = S3Call(
            operation: "PutObject", method: "PUT", bucket: bucket, key: key, headers: headers,
            body: body, conditionalWrite: ifNoneMatch || ifMatch != nil)
        let response = try await send(call, logger: logger)
        return try etag(of: response, call: call)
    }

    /// GetObject: the object's bytes, ETag, `Last-Modified` and the answer's `Date`.
    /// - Throws: ``S3Error`` (`NoSuchKey` 404, `NoSuchBucket`, `AccessDenied`, …), `TransportError`,
    ///   ``S3ResponseError`` when the answer carries no ETag.
    public func getObject(bucket: String, key: String, logger: Logger) async throws -> S3Object {
        let call = S3Call(operation: "GetObject", method: "GET", bucket: bucket, key: key)
        let response = try await send(call, logger: logger)
        return S3Object(
            body: response.body, etag: try etag(of: response, call: call),
            lastModified: response.header("Last-Modified"), serverDate: response.header("Date"))
    }

    /// HeadObject: the object's ETag, size and modification time, without its body.
    /// - Throws: ``S3Error`` — `NoSuchKey` for 404 (HEAD answers carry no body, so a missing bucket also
    ///   reads as 404 `NoSuchKey`), `AccessDenied` for 403; `TransportError`; ``S3ResponseError``.
    public func headObject(bucket: String, key: String, logger: Logger) async throws -> S3ObjectInfo {
        let call = S3Call(operation: "HeadObject", method: "HEAD", bucket: bucket, key: key)
        let response = try await send(call, logger: logger)
        let size = response.header("Content-Length").flatMap { Int($0) } ?? 0
        return S3ObjectInfo(
            key: key, etag: try etag(of: response, call: call), size: size,
            lastModified: response.header("Last-Modified"))
    }

    /// DeleteObject; with `ifMatch`, only while the object still has that ETag.
    ///
    /// S3 answers 204 for a missing key without `ifMatch` (deleting is idempotent), so this does not say
    /// whether the object existed.
    /// - Throws: ``S3Error`` (`PreconditionFailed` 412 for another ETag, `NoSuchKey` for a missing key with
    ///   `ifMatch`, …); ``S3OutcomeUnknownError`` when a conditional delete got a 5xx or timed out;
    ///   `TransportError`.
    public func deleteObject(bucket: String, key: String, ifMatch: String? = nil, logger: Logger) async throws {
        let headers: [(name: String, value: String)] = ifMatch.map { [("If-Match", $0)] } ?? []
        let call = S3Call(
            operation: "DeleteObject", method: "DELETE", bucket: bucket, key: key, headers: headers,
            conditionalWrite: ifMatch != nil)
        _ = try await send(call, logger: logger)
    }

    /// CreateBucket (`PUT /bucket`), in the client's region (a `LocationConstraint` outside `us-east-1`).
    /// - Throws: ``S3Error`` (`BucketAlreadyOwnedByYou`, `BucketAlreadyExists`, `AccessDenied`, …),
    ///   `TransportError`.
    public func createBucket(_ bucket: String, logger: Logger) async throws {
        var body: [UInt8] = []
        if configuration.region != "us-east-1" {
            body = Array(
                ("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                    + "<LocationConstraint>\(configuration.region)</LocationConstraint></CreateBucketConfiguration>").utf8)
        }
        let call = S3Call(operation: "CreateBucket", method: "PUT", bucket: bucket, key: nil, body: body)
        _ = try await send(call, logger: logger)
    }

    private func etag(of response: HTTPResponse, call: S3Call) throws -> String {
        guard let etag = response.header("ETag"), !etag.isEmpty else {
            throw S3ResponseError(
                operation: call.operation, location: call.location,
                reason: "HTTP \(response.status) without an ETag header", excerpt: "")
        }
        return etag
    }
}
