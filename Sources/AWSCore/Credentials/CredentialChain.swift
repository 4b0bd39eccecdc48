import Logging

/// The default credential chain: the one place that knows botocore's order.
///
/// 1. environment · 2. profile assume-role · 3. web identity · 4. shared credentials file ·
/// 5. `credential_process` · 6. config file · 7. container · 8. EC2 instance metadata (IMDSv2).
/// (botocore's SSO step between 3 and 4 is not implemented.) The first source that has credentials wins;
/// a source that is configured but fails stops the chain with its error; when none is configured, the
/// error lists every source tried and why it had nothing.
public struct CredentialChain: CredentialProvider {
    /// The providers, in order.
    public let providers: [any CredentialProvider]
    /// `chain`.
    public var name: String { "chain" }

    /// The default chain for `context`.
    public init(context: CredentialContext) {
        self.providers = [
            EnvironmentCredentialProvider(environment: context.environment),
            AssumeRoleCredentialProvider(context: context),
            WebIdentityCredentialProvider(context: context),
            SharedCredentialsFileProvider(context: context),
            ProcessCredentialProvider(context: context),
            ConfigFileCredentialProvider(context: context),
            ContainerCredentialProvider(context: context),
            InstanceMetadataCredentialProvider(context: context),
        ]
    }

    /// A chain of `providers` in the given order.
    public init(providers: [any CredentialProvider]) {
        self.providers = providers
    }

    /// The first provider's credentials.
    /// - Throws: the failing provider's ``CredentialError``, or one listing every source when none is configured.
    public func lookup(logger: Logger) async throws -> CredentialLookup {
        var attempts: [CredentialError.Attempt] = []
        for provider in providers {
            switch try await provider.lookup(logger: logger) {
            case .found(let credentials):
                logger.debug("credentials found", metadata: ["aws.credentials_source": "\(provider.name)"])
                return .found(credentials)
            case .notConfigured(let reason):
                attempts.append(.init(source: provider.name, reason: reason))
            }
        }
        throw CredentialError(source: name, reason: "no source in the chain had credentials", attempts: attempts)
    }
}
