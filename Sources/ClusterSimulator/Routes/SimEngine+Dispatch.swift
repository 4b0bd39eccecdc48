import HTTPTypes
import Hummingbird

extension SimEngine {
    /// Serves the EMR listener: EMR's JSON 1.1 requests (an `X-Amz-Target` header, or `POST /`) go to
    /// ``handleEMR(_:context:)``, everything else is path-style S3 (``handleS3(_:context:)``).
    func handleEMRListener(_ request: Request, context: SimContext) async -> Response {
        if Self.isEMRRequest(method: request.method, path: request.uri.path,
                             hasTarget: HTTPField.Name("X-Amz-Target").flatMap { request.headers[$0] } != nil) {
            return await handleEMR(request, context: context)
        }
        return await handleS3(request, context: context)
    }

    /// True for a request meant for EMR rather than S3.
    static func isEMRRequest(method: HTTPRequest.Method, path: String, hasTarget: Bool) -> Bool {
        hasTarget || (method == .post && (path == "/" || path.isEmpty))
    }
}
