import Foundation
import Hummingbird

/// An S3 error answer, in the shape AWS and moto send:
/// `<Error><Code>…</Code><Message>…</Message><Key>…</Key><RequestId>…</RequestId></Error>`.
struct S3Failure: Error, Sendable, Equatable {
    /// S3's error code (`NoSuchKey`).
    var code: String
    /// S3's message for that code.
    var message: String
    /// The HTTP status.
    var status: Int
    /// Extra elements after `Message` (`Key`, `BucketName`, `Condition`), in order.
    var details: [(String, String)] = []

    static func == (lhs: S3Failure, rhs: S3Failure) -> Bool {
        lhs.code == rhs.code && lhs.message == rhs.message && lhs.status == rhs.status
            && lhs.details.elementsEqual(rhs.details) { $0 == $1 }
    }

    static func noSuchBucket(_ bucket: String) -> S3Failure {
        S3Failure(
            code: "NoSuchBucket", message: "The specified bucket does not exist", status: 404,
            details: [("BucketName", bucket)])
    }
    static func noSuchKey(_ key: String) -> S3Failure {
        S3Failure(code: "NoSuchKey", message: "The specified key does not exist.", status: 404, details: [("Key", key)])
    }
    static func preconditionFailed(condition: String) -> S3Failure {
        S3Failure(
            code: "PreconditionFailed", message: "At least one of the pre-conditions you specified did not hold",
            status: 412, details: [("Condition", condition)])
    }
    static func bucketAlreadyOwnedByYou(_ bucket: String) -> S3Failure {
        S3Failure(
            code: "BucketAlreadyOwnedByYou",
            message: "Your previous request to create the named bucket succeeded and you already own it.",
            status: 409, details: [("BucketName", bucket)])
    }
    static let conditionalRequestConflict = S3Failure(
        code: "ConditionalRequestConflict",
        message: "A conflicting conditional operation is currently in progress against this resource. Please try again.",
        status: 409)
    static let internalError = S3Failure(
        code: "InternalError",
        message: "We encountered an internal error. Please try again.", status: 500)
    static let serviceUnavailable = S3Failure(
        code: "ServiceUnavailable",
        message: "Service is unable to handle request.", status: 503)
    static func entityTooLarge(size: Int, limit: Int) -> S3Failure {
        S3Failure(
            code: "EntityTooLarge", message: "Your proposed upload exceeds the maximum allowed size",
            status: 400, details: [("ProposedSize", String(size)), ("MaxSizeAllowed", String(limit))])
    }
    static func invalidArgument(_ message: String, name: String, value: String) -> S3Failure {
        S3Failure(
            code: "InvalidArgument", message: message, status: 400,
            details: [("ArgumentName", name), ("ArgumentValue", value)])
    }
    static func invalidURI(_ path: String) -> S3Failure {
        S3Failure(code: "InvalidURI", message: "Couldn't parse the specified URI.", status: 400, details: [("URI", path)])
    }
    static func invalidBucketName(_ bucket: String) -> S3Failure {
        S3Failure(
            code: "InvalidBucketName", message: "The specified bucket is not valid.", status: 400,
            details: [("BucketName", bucket)])
    }
    static func notImplemented(_ what: String) -> S3Failure {
        S3Failure(
            code: "NotImplemented",
            message: "A header or query you provided implies functionality that is not "
                + "implemented (\(what)).", status: 501)
    }
    static func methodNotAllowed(_ method: String) -> S3Failure {
        S3Failure(
            code: "MethodNotAllowed", message: "The specified method is not allowed against this resource.",
            status: 405, details: [("Method", method)])
    }

    /// The XML error document with `requestId`.
    func body(requestId: String) -> [UInt8] {
        var xml = S3XML.declaration + "<Error>" + S3XML.element("Code", code) + S3XML.element("Message", message)
        for (name, value) in details { xml += S3XML.element(name, value) }
        xml += S3XML.element("RequestId", requestId) + "</Error>"
        return Array(xml.utf8)
    }

    /// The HTTP answer: the XML document, or only the status and headers for HEAD (HEAD answers have no body).
    func response(requestId: String, headers: HTTPFields, isHead: Bool) -> Response {
        let status = HTTPResponse.Status(code: status)
        guard !isHead else { return Response(status: status, headers: headers, body: .init()) }
        var h = headers
        h[.contentType] = "application/xml"
        return Response(status: status, headers: h, body: .init(byteBuffer: ByteBuffer(bytes: body(requestId: requestId))))
    }
}
