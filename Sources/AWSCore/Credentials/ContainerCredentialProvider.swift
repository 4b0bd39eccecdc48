import Foundation
import HTTPTransport
import Logging
import SparkDeployCore

/// ECS/EKS container credentials: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (on `http://169.254.170.2`) or
/// `AWS_CONTAINER_CREDENTIALS_FULL_URI`, with `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (preferred) or
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN` as the `Authorization` header. 2 s timeout, 3 attempts (botocore).
public struct ContainerCredentialProvider: CredentialProvider {
    /// Environment and transport.
    public let context: CredentialContext
    /// `container`.
    public var name: String { "container" }
    /// The host a relative URI is resolved against.
    public static let relativeHost = "http://169.254.170.2"

    /// Creates a provider.
    public init(context: CredentialContext) {
        self.context = context
    }

    /// `.notConfigured` unless one of the URI variables is set.
    /// - Throws: ``CredentialError`` when the endpoint fails or answers without credentials.
    public func lookup(logger: Logger) async throws -> CredentialLookup {
        let env = context.environment
        let url: String
        if let relative = env["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"], !relative.isEmpty {
            url = Self.relativeHost + (relative.hasPrefix("/") ? relative : "/" + relative)
        } else if let full = env["AWS_CONTAINER_CREDENTIALS_FULL_URI"], !full.isEmpty {
            url = full
        } else {
            return .notConfigured("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI are not set")
        }
        var headers: [(name: String, value: String)] = [("Accept", "application/json")]
        if let tokenFile = env["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"], !tokenFile.isEmpty {
            guard let data = FileManager.default.contents(atPath: tokenFile) else {
                throw CredentialError(source: name, reason: "cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(tokenFile)")
            }
            let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            Redactor.shared.register(secret: token)
            headers.append(("Authorization", token))
        } else if let token = env["AWS_CONTAINER_AUTHORIZATION_TOKEN"], !token.isEmpty {
            Redactor.shared.register(secret: token)
            headers.append(("Authorization", token))
        }
        var lastError = ""
        for attempt in 1...3 {
            do {
                let response = try await context.transport.send(
                    HTTPRequest(
                        method: "GET", url: url, headers: headers,
                        timeout: 2))
                guard response.status == 200 else {
                    throw CredentialError(
                        source: name,
                        reason: "\(Redactor.shared.redact(url)) answered "
                            + "\(response.status): \(response.excerpt(limit: 200))")
                }
                return .found(
                    try MetadataCredentialsJSON.credentials(
                        from: response.body, source: name,
                        endpoint: Redactor.shared.redact(url)))
            } catch let error as TransportError {
                lastError = error.description
                logger.debug(
                    "container credentials attempt failed",
                    metadata: [
                        "attempt": "\(attempt)", "error": "\(error.kind.rawValue)",
                    ])
            }
        }
        throw CredentialError(source: name, reason: lastError)
    }
}
