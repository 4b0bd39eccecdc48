import Foundation

/// Which redirects a ``SparkRESTClient`` follows, and where credentials may go.
enum SparkRedirectPolicy {
    /// The statuses that redirect.
    static let statuses: Set<Int> = [301, 302, 303, 307, 308]

    /// `host:port` of `url`, lower-cased (default ports filled in), or nil without a host.
    static func authority(of url: String) -> String? {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else { return nil }
        return "\(host.lowercased()):\(components.port ?? (components.scheme?.lowercased() == "https" ? 443 : 80))"
    }

    /// Whether `url` is http or https.
    static func isHTTP(_ url: String) -> Bool {
        guard let scheme = URLComponents(string: url)?.scheme?.lowercased() else { return false }
        return scheme == "http" || scheme == "https"
    }

    /// The absolute URL a `Location` names, resolved against the URL that answered.
    static func resolve(_ location: String, against current: String) -> String? {
        let trimmed = location.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, let base = URL(string: current),
            let target = URL(string: trimmed, relativeTo: base)?.absoluteURL
        else { return nil }
        return target.absoluteString
    }

    /// Why the hop from `current` to `next` is refused, or nil when it may be followed.
    static func refusal(from current: String, to next: String, visited: [String], hops: Int, limit: Int) -> String? {
        guard isHTTP(next), authority(of: next) != nil else { return "redirect to a URL that is not http(s): \(next)" }
        if URLComponents(string: current)?.scheme?.lowercased() == "https",
            URLComponents(string: next)?.scheme?.lowercased() == "http"
        {
            return "redirect from https down to http refused: \(next)"
        }
        if visited.contains(next) {
            return "redirect loop: " + (visited + [next]).joined(separator: " -> ")
        }
        if hops >= limit { return "more than \(limit) redirects: " + (visited + [next]).joined(separator: " -> ") }
        return nil
    }
}
