import Foundation

/// Reads S3's XML error document: `<Error><Code>…</Code><Message>…</Message><RequestId>…</RequestId></Error>`.
enum S3ErrorBody {
    /// The code, message and request id of an error response. A body-less or unreadable answer (HEAD has
    /// no body) gets the code S3 documents for its status.
    static func parse(
        status: Int, method: String, hasKey: Bool,
        body: [UInt8]
    ) -> (code: String, message: String, requestID: String?) {
        if let document = try? SimpleXML.parse(body), document.name == "Error",
            let code = document.text(of: "Code"), !code.isEmpty
        {
            return (code, document.text(of: "Message") ?? "", document.text(of: "RequestId"))
        }
        let excerpt = String(decoding: body.prefix(300), as: UTF8.self)
            .replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
        return (codeForStatus(status, hasKey: hasKey), method == "HEAD" ? "" : excerpt, nil)
    }

    /// `NoSuchKey` (404 on an object), `NoSuchBucket` (404 on a bucket), `AccessDenied` (403),
    /// `PreconditionFailed` (412), `ConditionalRequestConflict` (409), `PermanentRedirect` (301), else `HTTP<status>`.
    static func codeForStatus(_ status: Int, hasKey: Bool) -> String {
        switch status {
        case 404: return hasKey ? "NoSuchKey" : "NoSuchBucket"
        case 403: return "AccessDenied"
        case 412: return "PreconditionFailed"
        case 409: return "ConditionalRequestConflict"
        case 301: return "PermanentRedirect"
        default: return "HTTP\(status)"
        }
    }
}
