import Foundation
import Logging
import SparkDeployCore

/// `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` [+ `AWS_ROLE_SESSION_NAME`] (or the profile's
/// `web_identity_token_file` + `role_arn`): STS AssumeRoleWithWebIdentity, unsigned.
public struct WebIdentityCredentialProvider: CredentialProvider {
    /// Environment, profile and files.
    public let context: CredentialContext
    /// `web-identity`.
    public var name: String { "web-identity" }

    /// Creates a provider.
    public init(context: CredentialContext) {
        self.context = context
    }

    /// `.notConfigured` unless a token file and a role are configured.
    /// - Throws: ``CredentialError`` when the token file cannot be read or STS refuses.
    public func lookup(logger: Logger) async throws -> CredentialLookup {
        let env = context.environment
        var tokenFile = env["AWS_WEB_IDENTITY_TOKEN_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        var roleARN = env["AWS_ROLE_ARN"].flatMap { $0.isEmpty ? nil : $0 }
        var session = env["AWS_ROLE_SESSION_NAME"].flatMap { $0.isEmpty ? nil : $0 }
        if tokenFile == nil, let profile = try MergedProfiles(context: context).profile(context.profileName) {
            tokenFile = profile["web_identity_token_file"]
            roleARN = roleARN ?? profile["role_arn"]
            session = session ?? profile["role_session_name"]
        }
        guard let tokenFile else { return .notConfigured("AWS_WEB_IDENTITY_TOKEN_FILE is not set") }
        guard let roleARN else {
            return .notConfigured("AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not")
        }
        let path = context.expand(tokenFile) ?? tokenFile
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CredentialError(source: name, reason: "cannot read web identity token file \(path)")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw CredentialError(source: name, reason: "web identity token file \(path) is empty") }
        // Redact the raw token before it can appear anywhere (errors from STS may echo it).
        Redactor.shared.register(secret: token)
        let sts = STSClient(context: context, region: RegionResolver.resolve(context: context))
        let credentials = try await sts.assumeRoleWithWebIdentity(
            roleARN: roleARN, sessionName: session ?? "sparkdeploy-session-\(Int(context.clock.now()))",
            token: token, logger: logger)
        return .found(credentials)
    }
}
