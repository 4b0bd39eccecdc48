import AWSCore
import Foundation
import Logging
import TestSupport
import Testing

/// Assume-role and web-identity credentials against moto's STS (skipped without moto).
@Suite(.enabled(if: Peers.shouldRun(.moto), "moto[server] is not installed (scripts/bootstrap.sh --with-peers)"))
struct STSMotoTests {
    let logger = Logger(label: "test")

    @Test func profileAssumeRoleWithSourceProfile() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let home = try TempAWSHome(
            config: """
                [profile deploy]
                role_arn = arn:aws:iam::123456789012:role/deployer
                source_profile = base
                role_session_name = sd-test
                region = us-east-1
                """,
            credentials: "[base]\naws_access_key_id = AKIABASE00000000\naws_secret_access_key = base-secret\n")
        let context = try home.context(["AWS_ENDPOINT_URL_STS": moto.endpoint], profile: "deploy")
        let creds = try await CredentialChain(context: context).credentials(logger: logger)
        #expect(creds.source == "sts:AssumeRole")
        #expect(creds.accessKeyID.hasPrefix("ASIA"))
        #expect(creds.sessionToken?.isEmpty == false)
        #expect(creds.expiration != nil)
    }

    @Test func credentialSourceEnvironment() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let home = try TempAWSHome(
            config: """
                [default]
                role_arn = arn:aws:iam::123456789012:role/deployer
                credential_source = Environment
                """)
        // The environment provider comes first in the chain, so select the role profile explicitly and
        // check that the assume-role provider itself uses the environment keys as its source.
        let context = try home.context([
            "AWS_ENDPOINT_URL": moto.endpoint, "AWS_ACCESS_KEY_ID": "AKIAENV000000000",
            "AWS_SECRET_ACCESS_KEY": "env-secret",
        ])
        let creds = try await AssumeRoleCredentialProvider(context: context).credentials(logger: logger)
        #expect(creds.source == "sts:AssumeRole")
        #expect(creds.accessKeyID != "AKIAENV000000000")
    }

    @Test func webIdentityTokenFile() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let home = try TempAWSHome()
        let tokenFile = try home.write("web-token", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJl\n")
        let context = try home.context([
            "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile,
            "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/web",
            "AWS_ROLE_SESSION_NAME": "ci-run", "AWS_ENDPOINT_URL_STS": moto.endpoint,
            "AWS_REGION": "us-east-1",
        ])
        let creds = try await CredentialChain(context: context).credentials(logger: logger)
        #expect(creds.source == "sts:AssumeRoleWithWebIdentity")
        #expect(creds.sessionToken?.isEmpty == false)
    }

    @Test func sourceProfileCycleIsReported() async throws {
        let home = try TempAWSHome(
            config: """
                [profile a]
                role_arn = arn:aws:iam::123456789012:role/a
                source_profile = b
                [profile b]
                role_arn = arn:aws:iam::123456789012:role/b
                source_profile = a
                """)
        do {
            _ = try await CredentialChain(context: try home.context(profile: "a")).credentials(logger: logger)
            Issue.record("expected a cycle error")
        } catch let error as CredentialError {
            #expect(error.reason.contains("cycle"))
        }
    }
}
