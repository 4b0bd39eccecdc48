import Foundation

/// One ResourceManager web address, reached directly or through an Apache Knox gateway.
///
/// Direct: `http://rm1:8088` — paths are sent as the RM spells them (`/ws/v1/cluster/apps`).
/// Knox: `https://gw:8443/gateway/{topology}` — `/ws/v1/…` is sent as `/resourcemanager/v1/…`.
public struct RMEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// How paths are laid out under ``baseURL``.
    public enum Layout: Sendable, Hashable {
        /// The RM's own layout (`/ws/v1/…`).
        case direct
        /// A Knox gateway topology (`/resourcemanager/v1/…`).
        case knox
    }

    /// Scheme, host, port and (for Knox) `/gateway/{topology}`, without a trailing slash.
    public let baseURL: String
    /// How paths are laid out.
    public let layout: Layout

    /// Parses an address: `rm1:8088`, `http://rm1:8088`, `http://rm1:8088/ws/v1/cluster`,
    /// `https://gw:8443/gateway/default` or `https://gw:8443/gateway/default/resourcemanager/v1/cluster`.
    /// A missing scheme means `http`.
    /// - Throws: ``YARNError`` (`configuration`) for an address without a host.
    public init(_ address: String) throws(YARNError) {
        var text = address.trimmingCharacters(in: .whitespacesAndNewlines)
        if !text.contains("://") { text = "http://" + text }
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty,
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https"
        else {
            throw YARNError(
                .configuration, operation: "configure", endpoint: address,
                message: "not an http(s) ResourceManager address")
        }
        let port = components.port.map { ":\($0)" } ?? ""
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        let origin = "\(scheme)://\(hostPart)\(port)"
        let segments = components.path.split(separator: "/").map(String.init)
        if let gateway = segments.firstIndex(of: "gateway"), gateway + 1 < segments.count {
            baseURL = origin + "/" + segments[...(gateway + 1)].joined(separator: "/")
            layout = .knox
        } else {
            baseURL = origin
            layout = .direct
        }
    }

    /// A Knox endpoint: `https://gw:8443` + topology `default` → `https://gw:8443/gateway/default`.
    public static func knox(gateway: String, topology: String) throws(YARNError) -> RMEndpoint {
        var base = gateway
        while base.hasSuffix("/") { base.removeLast() }
        return try RMEndpoint(base + "/gateway/" + topology)
    }

    /// Maps an RM path (`/ws/v1/cluster/apps`) onto this endpoint's layout.
    public func path(for rmPath: String) -> String {
        switch layout {
        case .direct: return rmPath
        case .knox:
            if rmPath.hasPrefix("/ws/v1") { return "/resourcemanager/v1" + rmPath.dropFirst("/ws/v1".count) }
            return "/resourcemanager" + rmPath
        }
    }

    /// The inverse of ``path(for:)``: a gateway path back to the RM's (`/resourcemanager/v1/x` → `/ws/v1/x`).
    public static func rmPath(fromKnoxPath path: String) -> String? {
        guard let range = path.range(of: "/resourcemanager/v1") else { return nil }
        return "/ws/v1" + path[range.upperBound...]
    }

    /// The full URL of `rmPath` with `query` (names and values percent-encoded).
    public func url(for rmPath: String, query: [(name: String, value: String)] = []) -> String {
        var url = baseURL + path(for: rmPath)
        if !query.isEmpty {
            url += "?" + query.map { "\(Self.encode($0.name))=\(Self.encode($0.value))" }.joined(separator: "&")
        }
        return url
    }

    /// `host:port` of this endpoint (for matching a standby's `Location`).
    public var authority: String {
        URLComponents(string: baseURL).map { "\(($0.host ?? "").lowercased()):\($0.port ?? ($0.scheme == "https" ? 443 : 80))" } ?? baseURL
    }

    /// The base URL.
    public var description: String { baseURL }

    private static let allowed: CharacterSet = {
        var set = CharacterSet.alphanumerics
        set.insert(charactersIn: "-._~,")
        return set
    }()

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
