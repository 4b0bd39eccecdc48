import Logging

/// The shared credentials file (`AWS_SHARED_CREDENTIALS_FILE`, default `~/.aws/credentials`), section `[profile]`.
public struct SharedCredentialsFileProvider: CredentialProvider {
    /// Where to read from.
    public let context: CredentialContext
    /// `shared-credentials-file`.
    public var name: String { "shared-credentials-file" }

    /// Creates a provider.
    public init(context: CredentialContext) {
        self.context = context
    }

    /// `.found` when the profile has `aws_access_key_id` and `aws_secret_access_key`.
    /// - Throws: ``CredentialError`` for an unreadable file or a profile with only one of the keys.
    public func lookup(logger: Logger) async throws -> CredentialLookup {
        let file = try context.credentialsFile()
        guard let profile = file.profile(context.profileName) else {
            return .notConfigured("no [\(context.profileName)] in \(file.path)")
        }
        return try ProfileKeys.credentials(from: profile, source: name, where: "[\(context.profileName)] in \(file.path)")
    }
}

/// Reads `aws_access_key_id` / `aws_secret_access_key` / `aws_session_token` from a profile.
enum ProfileKeys {
    static func credentials(
        from profile: [String: String], source: String, where location: String
    )
        throws -> CredentialLookup
    {
        let key = profile["aws_access_key_id"].flatMap { $0.isEmpty ? nil : $0 }
        let secret = profile["aws_secret_access_key"].flatMap { $0.isEmpty ? nil : $0 }
        switch (key, secret) {
        case (nil, nil):
            return .notConfigured("\(location) has no aws_access_key_id")
        case let (.some(key), .some(secret)):
            let token = (profile["aws_session_token"] ?? profile["aws_security_token"]).flatMap { $0.isEmpty ? nil : $0 }
            let credentials = AWSCredentials(
                accessKeyID: key, secretAccessKey: secret, sessionToken: token,
                source: source)
            CredentialSecrets.register(credentials)
            return .found(credentials)
        default:
            throw CredentialError(
                source: source,
                reason: "\(location) needs both aws_access_key_id and aws_secret_access_key")
        }
    }
}
