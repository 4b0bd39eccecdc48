import HTTPTypes
import Hummingbird

/// Routing is by hand, not Hummingbird's `Router` (issue 19 considered it): EMR dispatches on the
/// `X-Amz-Target` header, not the path; every YARN path first passes fault injection, the standby RM's
/// redirect (all but the exempt paths), authentication and CSRF, and unknown paths must answer with the
/// RM's own `RemoteException` 404/400 bodies (any method, GET and HEAD alike), which `Router`'s matching and
/// not-found handling would have to be worked around for each of them.
extension SimEngine {
    /// Serves the EMR listener: EMR's JSON 1.1 requests (an `X-Amz-Target` header, or `POST /`) go to
    /// ``handleEMR(_:context:)``, everything else is path-style S3 (``handleS3(_:context:)``).
    func handleEMRListener(_ request: Request, context: SimContext) async -> Response {
        if Self.isEMRRequest(
            method: request.method, path: request.uri.path,
            hasTarget: HTTPField.Name("X-Amz-Target").flatMap { request.headers[$0] } != nil)
        {
            return await handleEMR(request, context: context)
        }
        return await handleS3(request, context: context)
    }

    /// True for a request meant for EMR rather than S3.
    static func isEMRRequest(method: HTTPRequest.Method, path: String, hasTarget: Bool) -> Bool {
        hasTarget || (method == .post && (path == "/" || path.isEmpty))
    }
}
