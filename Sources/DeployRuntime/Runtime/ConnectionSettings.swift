import AWSCore
import Foundation

/// How a run reaches YARN, EMR, S3 and its lock store, as the command line (or a rehearsal against the
/// simulator) decided it. Whatever is left nil the clients read from the environment themselves
/// (`SPARKDEPLOY_YARN_URL`, `SPARKDEPLOY_LIVY_URL`, `AWS_REGION`, `AWS_PROFILE`, `AWS_ENDPOINT_URL_EMR`, `SPARKDEPLOY_LOCK_STORE`…),
/// so these values never pass through environment variables, and `env()` in Lua shows the real environment.
public struct ConnectionSettings: Sendable, Equatable {
    /// ResourceManager URL(s), comma-separated for HA (`--yarn`): wins over `$SPARKDEPLOY_YARN_URL`,
    /// yarn-site.xml and an EMR cluster's master.
    public var yarnURLs: String?
    /// YARN simple-auth user (`--yarn-user`; else `$SPARKDEPLOY_YARN_USER`).
    public var yarnUser: String?
    /// WebHDFS base URL(s) of the NameNodes, comma-separated for HA (`--webhdfs`): wins over
    /// `$SPARKDEPLOY_WEBHDFS_URL` and `http://<host of the hdfs:// URI>:9870`; the `checkpoint` module's `hdfs://`.
    public var webhdfsURLs: String?
    /// WebHDFS simple-auth user (`user.name`): wins over `$SPARKDEPLOY_HDFS_USER` and the YARN user.
    public var webhdfsUser: String?
    /// The Livy server's base URL (`--livy`): wins over `$SPARKDEPLOY_LIVY_URL`; the `livy` module's default.
    public var livyURL: String?
    /// The AWS side: region, profile, endpoints, credentials.
    public var aws = AWSConnectionSettings()
    /// The lease store and its timings (`lock()`).
    public var lease = LeaseConfiguration()

    /// Settings that leave everything to the environment.
    public init() {}

    /// The `--yarn` addresses, or empty when none were given.
    package var yarnAddresses: [String] {
        guard let yarnURLs, !yarnURLs.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
        return yarnURLs.split(separator: ",").map(String.init)
    }
}

/// How the run's EMR and S3 clients reach AWS; nil fields are resolved the way the AWS CLI resolves them.
public struct AWSConnectionSettings: Sendable, Equatable {
    /// `--region` (else `$AWS_REGION`, `$AWS_DEFAULT_REGION`, the profile).
    public var region: String?
    /// `--profile` (else `$AWS_PROFILE`, `default`).
    public var profile: String?
    /// `--emr-endpoint` (else `$AWS_ENDPOINT_URL_EMR`, `$AWS_ENDPOINT_URL`, the profile, AWS).
    public var emrEndpoint: String?
    /// The S3 endpoint of the lock store (else `$AWS_ENDPOINT_URL_S3`, `$AWS_ENDPOINT_URL`, the profile, AWS).
    public var s3Endpoint: String?
    /// Static credentials: when set, the credential chain (environment, profiles, web identity, container,
    /// instance metadata) is not consulted at all.
    public var credentials: AWSCredentials?

    /// Settings that leave everything to the environment and the profile.
    public init(
        region: String? = nil, profile: String? = nil, emrEndpoint: String? = nil, s3Endpoint: String? = nil,
        credentials: AWSCredentials? = nil
    ) {
        self.region = region
        self.profile = profile
        self.emrEndpoint = emrEndpoint
        self.s3Endpoint = s3Endpoint
        self.credentials = credentials
    }

    /// The provider for ``credentials``, or nil for the default chain.
    package var credentialProvider: (any CredentialProvider)? { credentials.map { StaticCredentialProvider($0) } }
}
