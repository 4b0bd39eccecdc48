import Foundation
import Logging

/// A profile with `role_arn` and `source_profile` (or `credential_source`): STS AssumeRole, signed with
/// the source credentials. Profiles are read from the config file, then the credentials file.
public struct AssumeRoleCredentialProvider: CredentialProvider {
    /// Environment, profile and files.
    public let context: CredentialContext
    /// `assume-role`.
    public var name: String { "assume-role" }

    /// Creates a provider.
    public init(context: CredentialContext) {
        self.context = context
    }

    /// `.notConfigured` unless the profile has `role_arn` with `source_profile` or `credential_source`.
    /// - Throws: ``CredentialError`` for a bad configuration (cycle, unknown `credential_source`, MFA) or an STS failure.
    public func lookup(logger: Logger) async throws -> CredentialLookup {
        let profiles = try MergedProfiles(context: context)
        let name = context.profileName
        guard let profile = profiles.profile(name), profile["role_arn"] != nil else {
            return .notConfigured("profile \(name) has no role_arn")
        }
        if profile["source_profile"] == nil && profile["credential_source"] == nil {
            if profile["web_identity_token_file"] != nil {
                return .notConfigured("profile \(name) assumes its role with a web identity token")
            }
            throw CredentialError(
                source: self.name,
                reason: "profile \(name) has role_arn but neither source_profile nor credential_source")
        }
        return .found(try await assume(profile: name, profiles: profiles, visited: [], logger: logger))
    }

    private func assume(
        profile name: String, profiles: MergedProfiles, visited: [String],
        logger: Logger
    ) async throws -> AWSCredentials {
        guard !visited.contains(name) else {
            throw CredentialError(
                source: self.name,
                reason: "source_profile cycle: \((visited + [name]).joined(separator: " → "))")
        }
        guard let profile = profiles.profile(name) else {
            throw CredentialError(
                source: self.name,
                reason: "profile \(name) not found (source_profile of "
                    + "\(visited.last ?? name))")
        }
        guard let roleARN = profile["role_arn"] else {
            // A plain source profile: static keys.
            switch try ProfileKeys.credentials(from: profile, source: "profile \(name)", where: "profile \(name)") {
            case .found(let credentials): return credentials
            case .notConfigured(let reason): throw CredentialError(source: self.name, reason: reason)
            }
        }
        if profile["mfa_serial"] != nil {
            throw CredentialError(
                source: self.name,
                reason: "profile \(name) needs an MFA code (mfa_serial); interactive MFA is not supported")
        }
        let source: AWSCredentials
        if let sourceProfile = profile["source_profile"] {
            if sourceProfile == name, profile["aws_access_key_id"] != nil {
                // A profile may be its own source when it also holds static keys.
                switch try ProfileKeys.credentials(from: profile, source: "profile \(name)", where: "profile \(name)") {
                case .found(let credentials): source = credentials
                case .notConfigured(let reason): throw CredentialError(source: self.name, reason: reason)
                }
            } else {
                source = try await assume(
                    profile: sourceProfile, profiles: profiles, visited: visited + [name],
                    logger: logger)
            }
        } else {
            source = try await credentialSource(profile["credential_source"] ?? "", profile: name, logger: logger)
        }
        let region = RegionResolver.resolve(context: context)
        let sts = STSClient(context: context, region: region)
        let session = profile["role_session_name"] ?? "sparkdeploy-session-\(Int(context.clock.now()))"
        logger.debug("assuming role", metadata: ["aws.role_arn": "\(roleARN)", "aws.profile": "\(name)"])
        return try await sts.assumeRole(
            roleARN: roleARN, sessionName: session, externalID: profile["external_id"],
            durationSeconds: profile["duration_seconds"].flatMap { Int($0) }, mfaSerial: nil, mfaToken: nil,
            source: source, logger: logger)
    }

    private func credentialSource(_ kind: String, profile: String, logger: Logger) async throws -> AWSCredentials {
        let provider: any CredentialProvider
        switch kind {
        case "Environment": provider = EnvironmentCredentialProvider(environment: context.environment)
        case "Ec2InstanceMetadata": provider = InstanceMetadataCredentialProvider(context: context)
        case "EcsContainer": provider = ContainerCredentialProvider(context: context)
        default:
            throw CredentialError(
                source: name,
                reason: "profile \(profile): credential_source \(kind) is not one of "
                    + "Environment, Ec2InstanceMetadata, EcsContainer")
        }
        switch try await provider.lookup(logger: logger) {
        case .found(let credentials): return credentials
        case .notConfigured(let reason):
            throw CredentialError(source: name, reason: "profile \(profile): credential_source \(kind): \(reason)")
        }
    }
}

/// The config file's profiles with the credentials file's keys merged in (as botocore loads them).
struct MergedProfiles {
    let config: ProfileFile
    let credentials: ProfileFile

    init(context: CredentialContext) throws {
        config = try context.configFile()
        credentials = try context.credentialsFile()
    }

    func profile(_ name: String) -> [String: String]? {
        let fromConfig = config.profile(name)
        let fromCredentials = credentials.profile(name)
        if fromConfig == nil && fromCredentials == nil { return nil }
        return (fromConfig ?? [:]).merging(fromCredentials ?? [:]) { _, credentialsValue in credentialsValue }
    }
}
