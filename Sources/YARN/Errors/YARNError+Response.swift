import Foundation
import HTTPTransport

extension YARNError {
    /// Maps an unsuccessful HTTP response onto a ``YARNError``: status → code, `RemoteException`
    /// name and message when the body has one, otherwise the plain-text body (403 ACL denials are
    /// bare strings) — bounded and redacted.
    static func from(response: HTTPResponse, context: DecodingContext, applicationId: String?) -> YARNError {
        var exception: String?
        var message: String?
        if let first = response.body.first(where: { $0 > 0x20 }), first == UInt8(ascii: "{"),
            let root = try? JSONReader.parse(response.body),
            let remote = root.object?["RemoteException"]?.object
        {
            exception = remote["exception"]?.string
            message = remote["message"]?.string
        }
        if message == nil {
            let text = response.excerpt(limit: 500).trimmingCharacters(in: .whitespaces)
            message = text.isEmpty ? "HTTP \(response.status) with an empty body" : text
        }
        let code: Code
        switch response.status {
        case 400: code = .badRequest
        case 401: code = .unauthorized
        case 403: code = .forbidden
        case 404: code = .notFound
        case 429, 500...599: code = .unavailable
        default: code = exception == nil ? .httpStatus : .remoteException
        }
        return YARNError(
            code, operation: context.operation, method: context.method, endpoint: context.endpoint,
            status: response.status, exception: exception, message: message ?? "",
            applicationId: applicationId)
    }
}
