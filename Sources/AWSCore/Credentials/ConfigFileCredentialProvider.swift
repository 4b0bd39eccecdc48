import Logging

/// Static keys in the config file (`AWS_CONFIG_FILE`, default `~/.aws/config`), `[profile name]` or `[default]`.
public struct ConfigFileCredentialProvider: CredentialProvider {
    /// Where to read from.
    public let context: CredentialContext
    /// `config-file`.
    public var name: String { "config-file" }

    /// Creates a provider.
    public init(context: CredentialContext) {
        self.context = context
    }

    /// `.found` when the profile has `aws_access_key_id` and `aws_secret_access_key`.
    /// - Throws: ``CredentialError`` for an unreadable file or a profile with only one of the keys.
    public func lookup(logger: Logger) async throws -> CredentialLookup {
        let file = try context.configFile()
        guard let profile = file.profile(context.profileName) else {
            return .notConfigured("no profile \(context.profileName) in \(file.path)")
        }
        return try ProfileKeys.credentials(
            from: profile, source: name,
            where: "profile \(context.profileName) in \(file.path)")
    }
}
