/// Picks the region: explicit > `AWS_REGION` > `AWS_DEFAULT_REGION` > the profile's `region`.
public enum RegionResolver {
    /// The resolved region, or `nil` when none is configured anywhere.
    /// - Parameters:
    ///   - explicit: a region given on the command line or in code.
    ///   - context: environment and config file.
    public static func resolve(explicit: String? = nil, context: CredentialContext) -> String? {
        if let explicit, !explicit.isEmpty { return explicit }
        for name in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
            if let value = context.environment[name], !value.isEmpty { return value }
        }
        let profile = (try? context.configFile())?.profile(context.profileName)
        if let region = profile?["region"], !region.isEmpty { return region }
        return nil
    }
}
