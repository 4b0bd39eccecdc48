import Foundation

/// The RM web addresses found in a Hadoop `yarn-site.xml`.
///
/// Reads `yarn.resourcemanager.ha.enabled`, `yarn.resourcemanager.ha.rm-ids`,
/// `yarn.resourcemanager.webapp[.https].address[.<id>]`, `yarn.resourcemanager.hostname[.<id>]`
/// and `yarn.http.policy` (`HTTPS_ONLY` → https addresses on port 8090 by default).
public struct YarnSiteConfiguration: Sendable, Equatable {
    /// Every `<property>` name → value.
    public var properties: [String: String]

    /// Creates a configuration from properties.
    public init(properties: [String: String]) { self.properties = properties }

    /// Reads `<directory>/yarn-site.xml`.
    /// - Throws: ``YARNError`` (`configuration`) when the file is missing or not well-formed XML.
    public static func load(directory: String) throws(YARNError) -> YarnSiteConfiguration {
        let path = (directory as NSString).appendingPathComponent("yarn-site.xml")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw YARNError(.configuration, operation: "configure", endpoint: path, message: "cannot read yarn-site.xml")
        }
        return try parse(data, source: path)
    }

    /// Parses the XML of a Hadoop configuration file.
    /// - Throws: ``YARNError`` (`configuration`) naming `source` and the line of the first problem.
    public static func parse(_ data: Data, source: String = "yarn-site.xml") throws(YARNError) -> YarnSiteConfiguration {
        do {
            return YarnSiteConfiguration(properties: try HadoopConfigurationXML.properties(of: Array(data)))
        } catch {
            throw YARNError(
                .configuration, operation: "configure", endpoint: source,
                message: "yarn-site.xml is not well-formed XML at line \(error.line): \(error.message)")
        }
    }

    /// Whether `yarn.http.policy` is `HTTPS_ONLY`.
    public var httpsOnly: Bool { properties["yarn.http.policy"]?.uppercased() == "HTTPS_ONLY" }

    /// The RM ids when HA is configured (`rm1,rm2`), else empty.
    public var rmIds: [String] {
        guard let ids = properties["yarn.resourcemanager.ha.rm-ids"] else { return [] }
        if let enabled = properties["yarn.resourcemanager.ha.enabled"], enabled.lowercased() == "false" { return [] }
        return ids.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Full URLs (`http://rm1:8088`), one per RM, in `rm-ids` order.
    /// - Throws: ``YARNError`` (`configuration`) when no address can be derived.
    public func webappAddresses() throws(YARNError) -> [String] {
        let scheme = httpsOnly ? "https" : "http"
        let key = httpsOnly ? "yarn.resourcemanager.webapp.https.address" : "yarn.resourcemanager.webapp.address"
        let defaultPort = httpsOnly ? 8090 : 8088
        func address(suffix: String) -> String? {
            if let explicit = properties[key + suffix], !explicit.isEmpty { return explicit }
            if let host = properties["yarn.resourcemanager.hostname" + suffix], !host.isEmpty {
                return "\(host):\(defaultPort)"
            }
            return nil
        }
        let ids = rmIds
        let found = ids.isEmpty ? [address(suffix: "")].compactMap { $0 } : ids.compactMap { address(suffix: ".\($0)") }
        guard !found.isEmpty else {
            throw YARNError(
                .configuration, operation: "configure",
                message: "yarn-site.xml names no ResourceManager web address (\(key)[.<rm-id>] or yarn.resourcemanager.hostname)")
        }
        return found.map { $0.contains("://") ? $0 : "\(scheme)://\($0)" }
    }
}
