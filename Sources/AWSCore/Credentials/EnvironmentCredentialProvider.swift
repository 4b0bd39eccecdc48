import Logging

/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN` (or `AWS_SECURITY_TOKEN`),
/// `AWS_CREDENTIAL_EXPIRATION` (ISO 8601).
public struct EnvironmentCredentialProvider: CredentialProvider {
    /// The environment read.
    public let environment: [String: String]
    /// `environment`.
    public var name: String { "environment" }

    /// Creates a provider reading `environment`.
    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// `.found` when both the key id and the secret are set and non-empty.
    /// - Throws: ``CredentialError`` when only one of them is set.
    public func lookup(logger: Logger) async throws -> CredentialLookup {
        let key = environment["AWS_ACCESS_KEY_ID"].flatMap { $0.isEmpty ? nil : $0 }
        let secret = environment["AWS_SECRET_ACCESS_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        switch (key, secret) {
        case (nil, nil):
            return .notConfigured("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set")
        case (.some, nil):
            throw CredentialError(source: name, reason: "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
        case (nil, .some):
            throw CredentialError(source: name, reason: "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not")
        case let (.some(key), .some(secret)):
            let token = (environment["AWS_SESSION_TOKEN"] ?? environment["AWS_SECURITY_TOKEN"])
                .flatMap { $0.isEmpty ? nil : $0 }
            let expiration = environment["AWS_CREDENTIAL_EXPIRATION"].flatMap(ISO8601.parse)
            let credentials = AWSCredentials(
                accessKeyID: key, secretAccessKey: secret, sessionToken: token,
                expiration: expiration, source: name)
            CredentialSecrets.register(credentials)
            return .found(credentials)
        }
    }
}
