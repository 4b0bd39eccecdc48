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
        let code = response.failureCodeName.map(Code.init) ?? (exception == nil ? .httpStatus : .remoteException)
        return YARNError(
            code, operation: context.operation, method: context.method, endpoint: context.endpoint,
            status: response.status, exception: exception, message: message ?? response.failureText(limit: 500),
            applicationId: applicationId)
    }
}
