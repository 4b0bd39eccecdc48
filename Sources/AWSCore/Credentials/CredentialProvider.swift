import HTTPTransport
import Logging
import SparkDeployCore

/// A source of AWS credentials.
public protocol CredentialProvider: Sendable {
    /// A short name for logs and errors (`environment`, `assume-role`, …).
    var name: String { get }
    /// Looks the credentials up.
    /// - Returns: `.found` or `.notConfigured(reason)`.
    /// - Throws: ``CredentialError`` when the source is configured but fails (bad file, STS error…).
    func lookup(logger: Logger) async throws -> CredentialLookup
}

extension CredentialProvider {
    /// Credentials or a ``CredentialError`` naming this source.
    /// - Throws: ``CredentialError``.
    public func credentials(logger: Logger) async throws -> AWSCredentials {
        switch try await lookup(logger: logger) {
        case .found(let credentials): return credentials
        case .notConfigured(let reason): throw CredentialError(source: name, reason: reason)
        }
    }
}

/// Fixed credentials (tests, or keys passed explicitly).
public struct StaticCredentialProvider: CredentialProvider {
    /// The credentials returned.
    public let credentials: AWSCredentials
    /// `static`.
    public var name: String { "static" }
    /// Creates a provider; the secret values are registered with the redactor.
    public init(_ credentials: AWSCredentials) {
        self.credentials = credentials
        CredentialSecrets.register(credentials)
    }
    /// Always `.found`.
    public func lookup(logger: Logger) async throws -> CredentialLookup { .found(credentials) }
}

/// Registers loaded secrets with ``Redactor/shared`` so no log line or error can show them.
enum CredentialSecrets {
    static func register(_ credentials: AWSCredentials) {
        Redactor.shared.register(secret: credentials.secretAccessKey)
        if let token = credentials.sessionToken { Redactor.shared.register(secret: token) }
    }
}
