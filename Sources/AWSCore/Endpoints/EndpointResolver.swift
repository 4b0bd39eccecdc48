import Foundation

/// Where a service's API lives.
///
/// Order: explicit > `AWS_ENDPOINT_URL_<SERVICE>` (e.g. `AWS_ENDPOINT_URL_EMR`) > `AWS_ENDPOINT_URL` >
/// the profile's `[services …]` section (`emr =` / `  endpoint_url = …`) > the profile's `endpoint_url` >
/// the default `https://<prefix>.<region>.amazonaws.com` (`.com.cn` in China regions).
/// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` (or the profile's `ignore_configured_endpoint_urls = true`)
/// skips the environment and profile overrides.
public enum EndpointResolver {
    /// A service as endpoint resolution sees it.
    public struct Service: Sendable, Equatable {
        /// The service id of botocore's model (`EMR`, `STS`); names the env var and the config key.
        public var serviceID: String
        /// The endpoint prefix (`elasticmapreduce`, `sts`).
        public var endpointPrefix: String
        /// Creates a service description.
        public init(serviceID: String, endpointPrefix: String) {
            self.serviceID = serviceID
            self.endpointPrefix = endpointPrefix
        }
        /// Amazon EMR.
        public static let emr = Service(serviceID: "EMR", endpointPrefix: "elasticmapreduce")
        /// AWS STS.
        public static let sts = Service(serviceID: "STS", endpointPrefix: "sts")

        /// `AWS_ENDPOINT_URL_EMR`.
        var environmentName: String {
            "AWS_ENDPOINT_URL_" + serviceID.uppercased().replacingOccurrences(of: " ", with: "_")
        }
        /// `emr` (the key inside a `[services]` section).
        var configKey: String { serviceID.lowercased().replacingOccurrences(of: " ", with: "_") }
    }

    /// The endpoint URL (no trailing slash) and where it came from.
    public static func resolve(
        service: Service, region: String, explicit: String? = nil,
        context: CredentialContext
    ) -> (url: String, source: String) {
        if let explicit, !explicit.isEmpty { return (trim(explicit), "explicit") }
        let env = context.environment
        let profile = (try? context.configFile())
        let properties = profile?.profile(context.profileName) ?? [:]
        let ignore =
            env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() == "true"
            || properties["ignore_configured_endpoint_urls"]?.lowercased() == "true"
        if !ignore {
            if let url = env[service.environmentName], !url.isEmpty { return (trim(url), service.environmentName) }
            if let url = env["AWS_ENDPOINT_URL"], !url.isEmpty { return (trim(url), "AWS_ENDPOINT_URL") }
            if let servicesName = properties["services"],
                let url = profile?.services(servicesName)?["\(service.configKey).endpoint_url"], !url.isEmpty
            {
                return (trim(url), "[services \(servicesName)]")
            }
            if let url = properties["endpoint_url"], !url.isEmpty { return (trim(url), "profile endpoint_url") }
        }
        return (defaultEndpoint(service: service, region: region), "default")
    }

    /// `https://elasticmapreduce.us-east-1.amazonaws.com`.
    public static func defaultEndpoint(service: Service, region: String) -> String {
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        return "https://\(service.endpointPrefix).\(region).\(suffix)"
    }

    private static func trim(_ url: String) -> String {
        var url = url.trimmingCharacters(in: .whitespaces)
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}
