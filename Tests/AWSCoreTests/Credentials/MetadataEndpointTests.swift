import AWSCore
import Foundation
import Logging
import TestSupport
import Testing

/// IMDSv2 and the ECS container endpoint, served by a loopback test server.
struct MetadataEndpointTests {
    let logger = Logger(label: "test")
    static let credentialsJSON =
        #"{"Code":"Success","AccessKeyId":"ASIAIMDS00000000","SecretAccessKey":"imds-secret","Token":"imds-token","Expiration":"2099-01-01T00:00:00Z"}"#

    @Test func instanceMetadataUsesTokenThenRole() async throws {
        let server = try await TestServer.start { request, _ in
            switch (request.method, request.path) {
            case ("PUT", "/latest/api/token"):
                return request.headers["X-aws-ec2-metadata-token-ttl-seconds"] == "21600"
                    ? .init(status: 200, body: "imds-session-token") : .init(status: 400)
            case ("GET", "/latest/meta-data/iam/security-credentials/"):
                return request.headers["X-aws-ec2-metadata-token"] == "imds-session-token"
                    ? .init(status: 200, body: "deploy-role\n") : .init(status: 401)
            case ("GET", "/latest/meta-data/iam/security-credentials/deploy-role"):
                return request.headers["X-aws-ec2-metadata-token"] == "imds-session-token"
                    ? .init(status: 200, body: Self.credentialsJSON) : .init(status: 401)
            default:
                return .init(status: 404)
            }
        }
        defer { Task { await server.stop() } }
        let home = try TempAWSHome()
        // The 1 s default suits a laptop with no metadata service; a loaded CI machine needs longer.
        let context = try home.context([
            "AWS_EC2_METADATA_DISABLED": "false", "AWS_METADATA_SERVICE_TIMEOUT": "10",
            "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL,
        ])
        let creds = try await CredentialChain(context: context).credentials(logger: logger)
        #expect(creds.accessKeyID == "ASIAIMDS00000000")
        #expect(creds.sessionToken == "imds-token")
        #expect(creds.source == "instance-metadata")
        #expect(server.requests.map(\.method) == ["PUT", "GET", "GET"])
    }

    @Test func instanceMetadataDisabledIsNotContacted() async throws {
        let server = try await TestServer.start { _, _ in .init(status: 500) }
        defer { Task { await server.stop() } }
        let context = try TempAWSHome().context([
            "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL,
        ])
        let lookup = try await InstanceMetadataCredentialProvider(context: context).lookup(logger: logger)
        guard case .notConfigured = lookup else { Issue.record("expected notConfigured"); return }
        #expect(server.requests.isEmpty)
    }

    @Test func unreachableInstanceMetadataIsNotConfigured() async throws {
        let port = try FreePort.pick()
        let context = try TempAWSHome().context([
            "AWS_EC2_METADATA_DISABLED": "false",
            "AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:\(port)",
        ])
        let lookup = try await InstanceMetadataCredentialProvider(context: context).lookup(logger: logger)
        guard case .notConfigured(let reason) = lookup else { Issue.record("expected notConfigured"); return }
        #expect(reason.contains("no instance metadata service"))
    }

    @Test func containerFullURIWithAuthorizationTokenFile() async throws {
        let server = try await TestServer.start { request, _ in
            request.path == "/creds" && request.headers["Authorization"] == "container-auth-token"
                ? .init(
                    status: 200,
                    body:
                        #"{"AccessKeyId":"ASIAECS000000000","SecretAccessKey":"ecs-secret","Token":"ecs-token","Expiration":"2099-01-01T00:00:00Z"}"#
                )
                : .init(status: 403)
        }
        defer { Task { await server.stop() } }
        let home = try TempAWSHome()
        let tokenFile = try home.write("token", "container-auth-token\n")
        let context = try home.context([
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.baseURL + "/creds",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile,
            "AWS_CONTAINER_AUTHORIZATION_TOKEN": "ignored-because-file-wins",
        ])
        let creds = try await CredentialChain(context: context).credentials(logger: logger)
        #expect(creds.accessKeyID == "ASIAECS000000000")
        #expect(creds.source == "container")
    }

    @Test func containerRefusalIsAnError() async throws {
        let server = try await TestServer.start { _, _ in .init(status: 403, body: "denied") }
        defer { Task { await server.stop() } }
        let context = try TempAWSHome().context([
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.baseURL + "/creds",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN": "wrong-token-value",
        ])
        await #expect(throws: CredentialError.self) {
            _ = try await ContainerCredentialProvider(context: context).credentials(logger: logger)
        }
    }
}
