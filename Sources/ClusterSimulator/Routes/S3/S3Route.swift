import Foundation
import Hummingbird

/// Which S3 operation a path-style request (`/bucket`, `/bucket/key`) asks for.
enum S3Route: Sendable, Equatable {
    /// `GET /`.
    case listBuckets
    /// `PUT /bucket`.
    case createBucket(bucket: String)
    /// `GET /bucket?list-type=2`.
    case listObjectsV2(bucket: String)
    /// `PUT /bucket/key`.
    case putObject(bucket: String, key: String)
    /// `GET /bucket/key`.
    case getObject(bucket: String, key: String)
    /// `HEAD /bucket/key`.
    case headObject(bucket: String, key: String)
    /// `DELETE /bucket/key`.
    case deleteObject(bucket: String, key: String)
    /// Anything else: answered `NotImplemented` or `MethodNotAllowed`.
    case unsupported(S3Failure)
    /// A path that does not percent-decode.
    case invalid(S3Failure)

    /// The name requests are counted under (`S3.PutObject`).
    var countKey: String {
        switch self {
        case .listBuckets: return "S3.ListBuckets"
        case .createBucket: return "S3.CreateBucket"
        case .listObjectsV2: return "S3.ListObjectsV2"
        case .putObject: return "S3.PutObject"
        case .getObject: return "S3.GetObject"
        case .headObject: return "S3.HeadObject"
        case .deleteObject: return "S3.DeleteObject"
        case .unsupported, .invalid: return "S3.<unsupported>"
        }
    }

    /// True for the operations that change an object (the ones the write faults apply to).
    var isObjectWrite: Bool {
        switch self {
        case .putObject, .deleteObject: return true
        default: return false
        }
    }

    /// Reads the route from the method, the raw (percent-encoded) path and the query parameters.
    static func parse(method: HTTPRequest.Method, rawPath: String, query: [(String, String)]) -> S3Route {
        let trimmed = rawPath.hasPrefix("/") ? String(rawPath.dropFirst()) : rawPath
        let slash = trimmed.firstIndex(of: "/")
        let rawBucket = slash.map { String(trimmed[..<$0]) } ?? trimmed
        let rawKey = slash.map { String(trimmed[trimmed.index(after: $0)...]) }
        guard let bucket = rawBucket.removingPercentEncoding, let key = (rawKey ?? "").removingPercentEncoding else {
            return .invalid(.invalidURI(rawPath))
        }
        let names = Set(query.map(\.0))
        if bucket.isEmpty {
            return method == .get ? .listBuckets : .unsupported(.methodNotAllowed(method.rawValue))
        }
        if rawKey == nil || key.isEmpty {
            let subresources = names.subtracting([
                "list-type", "prefix", "max-keys", "continuation-token", "start-after",
                "encoding-type", "fetch-owner",
            ])
            if !subresources.isEmpty {
                return .unsupported(.notImplemented("bucket subresource \(subresources.sorted().joined(separator: ", "))"))
            }
            switch method {
            case .put: return .createBucket(bucket: bucket)
            case .get:
                guard query.first(where: { $0.0 == "list-type" })?.1 == "2" else {
                    return .unsupported(.notImplemented("only ListObjectsV2 (list-type=2) lists a bucket"))
                }
                return .listObjectsV2(bucket: bucket)
            default: return .unsupported(.methodNotAllowed(method.rawValue))
            }
        }
        if !names.subtracting(["x-id"]).isEmpty {
            return .unsupported(.notImplemented("object subresource \(names.sorted().joined(separator: ", "))"))
        }
        switch method {
        case .put: return .putObject(bucket: bucket, key: key)
        case .get: return .getObject(bucket: bucket, key: key)
        case .head: return .headObject(bucket: bucket, key: key)
        case .delete: return .deleteObject(bucket: bucket, key: key)
        default: return .unsupported(.methodNotAllowed(method.rawValue))
        }
    }
}
