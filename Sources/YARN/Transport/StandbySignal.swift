import Foundation
import HTTPTransport

/// How a response says "not me, I am not the active RM".
enum StandbySignal: Sendable, Equatable {
    /// A standby redirecting to the active RM (`Location` may be an internal host name).
    case redirect(location: String?)
    /// No RM is active right now ("Can not find any active RM", "There is no active RM right now").
    case noActive

    /// Detects a standby answer: 307 (any body), or the old 200 text/plain "Redirecting…"/`Refresh`
    /// pages. JSON bodies are never standby answers.
    static func detect(_ response: HTTPResponse) -> StandbySignal? {
        if response.status == 307 || response.status == 302 || response.status == 303 {
            guard let location = response.header("Location"), !location.isEmpty else { return .noActive }
            return .redirect(location: location)
        }
        guard response.status == 200 else { return nil }
        if let type = response.header("Content-Type"), type.lowercased().contains("json") { return nil }
        let head = String(decoding: response.body.prefix(200), as: UTF8.self)
        if head.contains("There is no active RM") || head.contains("Can not find any active RM") { return .noActive }
        if head.contains("Redirecting to the current active RM") || head.contains("This is standby RM")
            || response.header("Refresh") != nil
        {
            return .redirect(location: response.header("Refresh").flatMap(refreshURL))
        }
        return nil
    }

    /// `"3; url=http://rm2:8088/ws/v1/…"` → the URL.
    static func refreshURL(_ refresh: String) -> String? {
        guard let range = refresh.range(of: "url=", options: .caseInsensitive) else { return nil }
        let url = refresh[range.upperBound...].trimmingCharacters(in: .whitespaces)
        return url.isEmpty ? nil : url
    }

    /// `host:port` of a redirect target, lower-cased, for matching a configured endpoint.
    static func authority(of url: String) -> String? {
        guard let components = URLComponents(string: url), let host = components.host else { return nil }
        return "\(host.lowercased()):\(components.port ?? (components.scheme == "https" ? 443 : 80))"
    }
}
