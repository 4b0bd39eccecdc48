import HTTPTransport
import Logging

/// One ListObjectsV2 page.
public struct S3ListPage: Sendable, Equatable {
    /// The objects of this page, in key order.
    public var objects: [S3ObjectInfo]
    /// The token for the next page, `nil` on the last one.
    public var nextContinuationToken: String?

    /// Creates a page.
    public init(objects: [S3ObjectInfo], nextContinuationToken: String?) {
        self.objects = objects
        self.nextContinuationToken = nextContinuationToken
    }
}

extension S3Client {
    /// ListObjectsV2, every page: the objects under `prefix`, in key order.
    /// - Parameters:
    ///   - maxKeys: objects per page (S3's default and maximum is 1000).
    ///   - maxPages: a bound on the pages followed (a server that always says "truncated" cannot loop forever).
    /// - Throws: ``S3Error`` (`NoSuchBucket`, `AccessDenied`, …), ``S3ResponseError`` (not a
    ///   `ListBucketResult`, or more than `maxPages` pages), `TransportError`.
    public func listObjectsV2(
        bucket: String, prefix: String = "", maxKeys: Int = 1000, maxPages: Int = 10_000,
        logger: Logger
    ) async throws -> [S3ObjectInfo] {
        var objects: [S3ObjectInfo] = []
        var token: String?
        for _ in 0..<maxPages {
            let page = try await listObjectsV2Page(
                bucket: bucket, prefix: prefix, maxKeys: maxKeys,
                continuationToken: token, logger: logger)
            objects += page.objects
            guard let next = page.nextContinuationToken else { return objects }
            token = next
        }
        throw S3ResponseError(
            operation: "ListObjectsV2", location: "s3://\(bucket)/\(prefix)",
            reason: "still truncated after \(maxPages) pages", excerpt: "")
    }

    /// One ListObjectsV2 page, starting at `continuationToken`.
    /// - Throws: as ``listObjectsV2(bucket:prefix:maxKeys:maxPages:logger:)``.
    public func listObjectsV2Page(
        bucket: String, prefix: String = "", maxKeys: Int = 1000,
        continuationToken: String? = nil, logger: Logger
    ) async throws -> S3ListPage {
        var query: [(name: String, value: String)] = [("list-type", "2"), ("max-keys", String(maxKeys))]
        if !prefix.isEmpty { query.append(("prefix", prefix)) }
        if let continuationToken { query.append(("continuation-token", continuationToken)) }
        let call = S3Call(operation: "ListObjectsV2", method: "GET", bucket: bucket, key: nil, query: query)
        let response = try await send(call, logger: logger)
        return try Self.decodeListPage(response, call: call)
    }

    static func decodeListPage(_ response: HTTPResponse, call: S3Call) throws -> S3ListPage {
        func failure(_ reason: String) -> S3ResponseError {
            S3ResponseError(
                operation: call.operation, location: call.location, reason: reason,
                excerpt: response.excerpt(limit: 200))
        }
        let root: SimpleXML
        do {
            root = try SimpleXML.parse(response.body)
        } catch {
            throw failure(error.description)
        }
        guard root.name == "ListBucketResult" else { throw failure("root element is <\(root.name)>, not <ListBucketResult>") }
        var objects: [S3ObjectInfo] = []
        for entry in root.all("Contents") {
            guard let key = entry.text(of: "Key") else { throw failure("a <Contents> without <Key>") }
            guard let size = Int(entry.text(of: "Size") ?? "") else { throw failure("<Size> of \(key) is not a number") }
            objects.append(
                S3ObjectInfo(
                    key: key, etag: entry.text(of: "ETag") ?? "", size: size,
                    lastModified: entry.text(of: "LastModified")))
        }
        let truncated = root.text(of: "IsTruncated") == "true"
        let token = root.text(of: "NextContinuationToken")
        if truncated && (token ?? "").isEmpty { throw failure("truncated without <NextContinuationToken>") }
        return S3ListPage(objects: objects, nextContinuationToken: truncated ? token : nil)
    }
}
