import Foundation

extension HTTPResponse {
    /// The name the clients' error codes give this unsuccessful status: `badRequest` (400), `unauthorized`
    /// (401), `forbidden` (403), `notFound` (404), `unavailable` (429 and 5xx: worth retrying); nil for
    /// any other status, which each client names itself.
    public var failureCodeName: String? {
        switch status {
        case 400: "badRequest"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "notFound"
        case 429, 500...599: "unavailable"
        default: nil
        }
    }

    /// The body as an error message when it carries no structured one: a trimmed, single-line
    /// ``excerpt(limit:)``, or `HTTP <status> with an empty body`.
    public func failureText(limit: Int) -> String {
        let text = excerpt(limit: limit).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "HTTP \(status) with an empty body" : text
    }
}
