import AWSCore
import Foundation
import Logging
import SparkDeployCore
import Synchronization
import Testing

struct CredentialChainTests {
    let logger = Logger(label: "test")

    @Test func environmentWinsOverFiles() async throws {
        let home = try TempAWSHome(credentials: "[default]\naws_access_key_id = AKIAFILE00000000\naws_secret_access_key = file-secret\n")
        let context = try home.context([
            "AWS_ACCESS_KEY_ID": "AKIAENV000000000", "AWS_SECRET_ACCESS_KEY": "env-secret",
            "AWS_SESSION_TOKEN": "env-token",
        ])
        let creds = try await CredentialChain(context: context).credentials(logger: logger)
        #expect(creds.accessKeyID == "AKIAENV000000000")
        #expect(creds.sessionToken == "env-token")
        #expect(creds.source == "environment")
    }

    @Test func profileSelectionExplicitBeatsEnvironmentBeatsDefault() async throws {
        let home = try TempAWSHome(
            credentials: """
                [default]
                aws_access_key_id = AKIADEFAULT00000
                aws_secret_access_key = s-default
                [envprof]
                aws_access_key_id = AKIAENVPROF00000
                aws_secret_access_key = s-env
                [cli]
                aws_access_key_id = AKIACLI000000000
                aws_secret_access_key = s-cli
                """)
        let byDefault = try await CredentialChain(context: try home.context()).credentials(logger: logger)
        #expect(byDefault.accessKeyID == "AKIADEFAULT00000")
        let byEnv = try await CredentialChain(context: try home.context(["AWS_PROFILE": "envprof"]))
            .credentials(logger: logger)
        #expect(byEnv.accessKeyID == "AKIAENVPROF00000")
        let explicit = try await CredentialChain(context: try home.context(["AWS_PROFILE": "envprof"], profile: "cli"))
            .credentials(logger: logger)
        #expect(explicit.accessKeyID == "AKIACLI000000000")
    }

    @Test func configFileProfileSectionsAndCustomPaths() async throws {
        let home = try TempAWSHome()
        let config = try home.write(
            "custom-config",
            """
            [default]
            region = eu-west-1
            [profile dev]
            aws_access_key_id = AKIACONFIGDEV000
            aws_secret_access_key = s-config  # inline comment
            region = eu-central-1
            """)
        let context = try home.context(["AWS_CONFIG_FILE": config, "AWS_PROFILE": "dev"])
        let creds = try await CredentialChain(context: context).credentials(logger: logger)
        #expect(creds.accessKeyID == "AKIACONFIGDEV000")
        #expect(creds.secretAccessKey == "s-config")
        #expect(creds.source == "config-file")
        #expect(RegionResolver.resolve(context: context) == "eu-central-1")
        #expect(RegionResolver.resolve(context: try home.context(["AWS_CONFIG_FILE": config])) == "eu-west-1")
        #expect(
            RegionResolver.resolve(context: try home.context(["AWS_CONFIG_FILE": config, "AWS_DEFAULT_REGION": "us-east-2"]))
                == "us-east-2")
        #expect(
            RegionResolver.resolve(context: try home.context(["AWS_REGION": "ap-south-1", "AWS_DEFAULT_REGION": "x"]))
                == "ap-south-1")
        #expect(RegionResolver.resolve(explicit: "sa-east-1", context: context) == "sa-east-1")
    }

    @Test func sharedCredentialsFileBeatsCredentialProcessAndConfig() async throws {
        let home = try TempAWSHome(
            config: "[default]\ncredential_process = /bin/echo nope\naws_access_key_id = AKIACONFIG000000\naws_secret_access_key = c\n",
            credentials: "[default]\naws_access_key_id = AKIASHARED000000\naws_secret_access_key = s\n")
        let creds = try await CredentialChain(context: try home.context()).credentials(logger: logger)
        #expect(creds.source == "shared-credentials-file")
    }

    @Test func credentialProcessOutputIsParsed() async throws {
        let home = try TempAWSHome()
        let script = try home.write(
            "creds.sh",
            """
            #!/bin/sh
            echo '{"Version": 1, "AccessKeyId": "ASIAPROCESS00000", "SecretAccessKey": "proc-secret", "SessionToken": "proc-token", "Expiration": "2099-01-01T00:00:00Z"}'
            """)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        try "[profile p]\ncredential_process = \"\(script)\" --flag\n".write(
            toFile: home.path + "/.aws/config",
            atomically: true, encoding: .utf8)
        let creds = try await CredentialChain(context: try home.context(profile: "p")).credentials(logger: logger)
        #expect(creds.accessKeyID == "ASIAPROCESS00000")
        #expect(creds.sessionToken == "proc-token")
        #expect(creds.expiration == 4_070_908_800)
        #expect(creds.source == "credential-process")
    }

    @Test func failingCredentialProcessStopsTheChainWithItsError() async throws {
        let home = try TempAWSHome(config: "[default]\ncredential_process = /bin/sh -c 'echo broken >&2; exit 3'\n")
        await #expect(throws: CredentialError.self) {
            _ = try await CredentialChain(context: try home.context()).credentials(logger: logger)
        }
        do {
            _ = try await CredentialChain(context: try home.context()).credentials(logger: logger)
        } catch let error as CredentialError {
            #expect(error.source == "credential-process")
            #expect(error.reason.contains("exited with 3"))
        }
    }

    @Test func nothingFoundListsEverySourceTried() async throws {
        let home = try TempAWSHome()
        do {
            _ = try await CredentialChain(context: try home.context()).credentials(logger: logger)
            Issue.record("expected no credentials")
        } catch let error as CredentialError {
            #expect(
                error.attempts.map(\.source) == [
                    "environment", "assume-role", "web-identity", "shared-credentials-file", "credential-process",
                    "config-file", "container", "instance-metadata",
                ])
            #expect(error.description.contains("AWS_EC2_METADATA_DISABLED=true"))
        }
    }

    @Test func descriptionsNeverShowSecrets() {
        let creds = AWSCredentials(
            accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzz",
            sessionToken: "IQoJb3JpZ2luX2VjEXAMPLETOKEN")
        for text in [creds.description, creds.debugDescription, "\(creds)", String(reflecting: creds)] {
            #expect(!text.contains("wJalrXUtnFEMI"))
            #expect(!text.contains("IQoJb3JpZ2lu"))
            #expect(!text.contains("AKIAIOSFODNN7EXAMPLE"))
        }
    }

    @Test func endpointResolutionOrder() throws {
        let home = try TempAWSHome(
            config: """
                [default]
                services = local
                endpoint_url = http://profile-wide:1
                [profile plain]
                endpoint_url = http://profile-only:2
                [services local]
                emr =
                  endpoint_url = http://services-emr:3
                """)
        func resolve(_ env: [String: String], profile: String? = nil, explicit: String? = nil) throws -> String {
            EndpointResolver.resolve(
                service: .emr, region: "eu-west-1", explicit: explicit,
                context: try home.context(env, profile: profile)
            ).url
        }
        #expect(try resolve([:]) == "http://services-emr:3")
        #expect(try resolve([:], profile: "plain") == "http://profile-only:2")
        #expect(try resolve(["AWS_ENDPOINT_URL": "http://global:4/"]) == "http://global:4")
        #expect(try resolve(["AWS_ENDPOINT_URL": "http://global:4", "AWS_ENDPOINT_URL_EMR": "http://emr:5"]) == "http://emr:5")
        #expect(try resolve(["AWS_ENDPOINT_URL_EMR": "http://emr:5"], explicit: "http://cli:6") == "http://cli:6")
        #expect(
            try resolve(["AWS_ENDPOINT_URL_EMR": "http://emr:5", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"])
                == "https://elasticmapreduce.eu-west-1.amazonaws.com")
        #expect(
            EndpointResolver.defaultEndpoint(service: .emr, region: "cn-north-1")
                == "https://elasticmapreduce.cn-north-1.amazonaws.com.cn")
    }

    @Test func refreshingProviderRefreshesBeforeExpiry() async throws {
        let clock = ScaledClockBox.make()
        let counter = CountingProvider(clock: clock, lifetime: 3600)
        let provider = RefreshingCredentialProvider(wrapping: counter, clock: clock)
        _ = try await provider.credentials(logger: logger)
        _ = try await provider.credentials(logger: logger)
        #expect(counter.calls == 1)
        clock.advance(by: 3600 - 899)  // inside the 15-minute advisory window
        let refreshed = try await provider.credentials(logger: logger)
        #expect(counter.calls == 2)
        #expect(refreshed.accessKeyID == "ASIACOUNT2")
    }
}

enum ScaledClockBox {
    static func make() -> ScaledClock { ScaledClock(rate: 1, start: 1_700_000_000) }
}

/// Hands out new temporary credentials on each call.
final class CountingProvider: CredentialProvider {
    let clock: ScaledClock
    let lifetime: Double
    private let count = Mutex(0)
    var name: String { "counting" }
    var calls: Int { count.withLock { $0 } }

    init(clock: ScaledClock, lifetime: Double) {
        self.clock = clock
        self.lifetime = lifetime
    }

    func lookup(logger: Logger) async throws -> CredentialLookup {
        let n = count.withLock { value in
            value += 1
            return value
        }
        return .found(
            AWSCredentials(
                accessKeyID: "ASIACOUNT\(n)", secretAccessKey: "secret-\(n)",
                sessionToken: "token-\(n)", expiration: clock.now() + lifetime, source: name))
    }
}
