import Foundation
import HTTPTransport
import Logging
import SparkDeployCore

/// EC2 instance metadata, IMDSv2: `PUT /latest/api/token`, then `GET /latest/meta-data/iam/security-credentials/`
/// and `…/<role>` with the token. Endpoint `AWS_EC2_METADATA_SERVICE_ENDPOINT` (default `http://169.254.169.254`),
/// timeout `AWS_METADATA_SERVICE_TIMEOUT` (1 s), attempts `AWS_METADATA_SERVICE_NUM_ATTEMPTS` (1);
/// `AWS_EC2_METADATA_DISABLED=true` skips it. A 403/404/405 on the token falls back to IMDSv1 (as botocore)
/// unless `AWS_EC2_METADATA_V1_DISABLED=true`.
public struct InstanceMetadataCredentialProvider: CredentialProvider {
    /// Environment and transport.
    public let context: CredentialContext
    /// `instance-metadata`.
    public var name: String { "instance-metadata" }

    /// Creates a provider.
    public init(context: CredentialContext) {
        self.context = context
    }

    private var endpoint: String {
        var url =
            context.environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "http://169.254.169.254"
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    /// `.notConfigured` when disabled or when nothing answers at the endpoint.
    /// - Throws: ``CredentialError`` when the service answers but with no usable credentials.
    public func lookup(logger: Logger) async throws -> CredentialLookup {
        let env = context.environment
        if env["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" {
            return .notConfigured("AWS_EC2_METADATA_DISABLED=true")
        }
        let timeout = env["AWS_METADATA_SERVICE_TIMEOUT"].flatMap(Double.init) ?? 1
        let attempts = max(1, env["AWS_METADATA_SERVICE_NUM_ATTEMPTS"].flatMap { Int($0) } ?? 1)
        var lastReason = ""
        for attempt in 1...attempts {
            do {
                return .found(try await fetch(timeout: timeout, logger: logger))
            } catch let error as TransportError {
                lastReason = "no instance metadata service at \(endpoint) (\(error.kind.rawValue))"
                logger.debug(
                    "instance metadata attempt failed",
                    metadata: [
                        "attempt": "\(attempt)", "error": "\(error.kind.rawValue)",
                    ])
            }
        }
        return .notConfigured(lastReason)
    }

    private func fetch(timeout: Double, logger: Logger) async throws -> AWSCredentials {
        let transport = context.transport
        let tokenResponse = try await transport.send(
            HTTPRequest(
                method: "PUT", url: endpoint + "/latest/api/token",
                headers: [("X-aws-ec2-metadata-token-ttl-seconds", "21600")], timeout: timeout))
        var headers: [(name: String, value: String)] = []
        let v1Disabled = context.environment["AWS_EC2_METADATA_V1_DISABLED"]?.lowercased() == "true"
        switch (tokenResponse.status, v1Disabled) {
        case (200, _):
            let token = tokenResponse.text.trimmingCharacters(in: .whitespacesAndNewlines)
            Redactor.shared.register(secret: token)
            headers.append(("X-aws-ec2-metadata-token", token))
        case (403, false), (404, false), (405, false):
            logger.debug("IMDSv2 token refused; falling back to IMDSv1", metadata: ["status": "\(tokenResponse.status)"])
        default:
            throw CredentialError(source: name, reason: "\(endpoint)/latest/api/token answered \(tokenResponse.status)")
        }
        let base = endpoint + "/latest/meta-data/iam/security-credentials/"
        let roles = try await transport.send(HTTPRequest(method: "GET", url: base, headers: headers, timeout: timeout))
        guard roles.status == 200 else {
            throw CredentialError(source: name, reason: "\(base) answered \(roles.status) (no instance profile?)")
        }
        guard let role = roles.text.split(whereSeparator: \.isNewline).first.map(String.init), !role.isEmpty else {
            throw CredentialError(source: name, reason: "\(base) listed no role")
        }
        let roleURL = base + URIEncoding.encode(role)
        let response = try await transport.send(HTTPRequest(method: "GET", url: roleURL, headers: headers, timeout: timeout))
        guard response.status == 200 else {
            throw CredentialError(source: name, reason: "\(roleURL) answered \(response.status)")
        }
        return try MetadataCredentialsJSON.credentials(from: response.body, source: name, endpoint: roleURL)
    }
}
