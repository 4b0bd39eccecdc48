import Foundation
import HTTPTransport
import SparkDeployCore

/// What every provider reads: the environment, the profile, file locations, a transport and a clock.
/// Injected so that tests never touch the real `~/.aws` or environment.
public struct CredentialContext: Sendable {
    /// The environment variables (`ProcessInfo.processInfo.environment` in the program).
    public var environment: [String: String]
    /// The explicit profile (`--profile`), if any.
    public var explicitProfile: String?
    /// The home directory used for `~/.aws/…` defaults.
    public var homeDirectory: String
    /// Transport for STS, container and instance-metadata calls.
    public var transport: HTTPTransport
    /// The clock (expiry checks, STS signing time).
    public var clock: any DeployClock

    /// Creates a context.
    public init(
        environment: [String: String], explicitProfile: String? = nil, homeDirectory: String? = nil,
        transport: HTTPTransport, clock: any DeployClock = SystemClock()
    ) {
        self.environment = environment
        self.explicitProfile = explicitProfile
        self.homeDirectory = homeDirectory ?? environment["HOME"] ?? NSHomeDirectory()
        self.transport = transport
        self.clock = clock
    }

    /// `--profile` > `AWS_PROFILE` > `AWS_DEFAULT_PROFILE` > `default`.
    public var profileName: String {
        if let explicit = explicitProfile, !explicit.isEmpty { return explicit }
        if let env = environment["AWS_PROFILE"], !env.isEmpty { return env }
        if let env = environment["AWS_DEFAULT_PROFILE"], !env.isEmpty { return env }
        return "default"
    }

    /// `AWS_CONFIG_FILE` or `~/.aws/config`.
    public var configFilePath: String {
        expand(environment["AWS_CONFIG_FILE"]) ?? homeDirectory + "/.aws/config"
    }

    /// `AWS_SHARED_CREDENTIALS_FILE` or `~/.aws/credentials`.
    public var credentialsFilePath: String {
        expand(environment["AWS_SHARED_CREDENTIALS_FILE"]) ?? homeDirectory + "/.aws/credentials"
    }

    /// The parsed config file (empty when missing).
    /// - Throws: ``CredentialError`` when the file exists but cannot be read.
    public func configFile() throws -> ProfileFile {
        try ProfileFile.load(path: configFilePath, kind: .config)
    }

    /// The parsed shared credentials file (empty when missing).
    /// - Throws: ``CredentialError`` when the file exists but cannot be read.
    public func credentialsFile() throws -> ProfileFile {
        try ProfileFile.load(path: credentialsFilePath, kind: .credentials)
    }

    /// Expands a leading `~/`.
    func expand(_ path: String?) -> String? {
        guard let path, !path.isEmpty else { return nil }
        if path.hasPrefix("~/") { return homeDirectory + path.dropFirst(1) }
        return path
    }
}
