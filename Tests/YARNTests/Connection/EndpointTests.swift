import Testing

@testable import YARN

@Suite struct EndpointTests {
    @Test func directAddressesNormalise() throws {
        #expect(try RMEndpoint("rm1:8088").baseURL == "http://rm1:8088")
        #expect(try RMEndpoint("http://rm1:8088/ws/v1/cluster/").baseURL == "http://rm1:8088")
        let endpoint = try RMEndpoint("https://rm1:8090")
        #expect(endpoint.layout == .direct)
        #expect(
            endpoint.url(for: "/ws/v1/cluster/apps", query: [("states", "RUNNING,ACCEPTED"), ("name", "my app")])
                == "https://rm1:8090/ws/v1/cluster/apps?states=RUNNING,ACCEPTED&name=my%20app")
    }

    @Test func knoxGatewayMapsPathsBothWays() throws {
        let endpoint = try RMEndpoint("https://gw:8443/gateway/sandbox/resourcemanager/v1/cluster")
        #expect(endpoint.layout == .knox)
        #expect(endpoint.baseURL == "https://gw:8443/gateway/sandbox")
        #expect(
            endpoint.url(for: "/ws/v1/cluster/apps/application_1_0001/state")
                == "https://gw:8443/gateway/sandbox/resourcemanager/v1/cluster/apps/application_1_0001/state")
        #expect(RMEndpoint.rmPath(fromKnoxPath: "/gateway/sandbox/resourcemanager/v1/cluster/apps") == "/ws/v1/cluster/apps")
        #expect(try RMEndpoint.knox(gateway: "https://gw:8443/", topology: "default").baseURL == "https://gw:8443/gateway/default")
    }

    @Test func badAddressesAreConfigurationErrors() {
        let error = #expect(throws: YARNError.self) { try RMEndpoint("ftp://rm1") }
        #expect(error?.code == .configuration)
        #expect(throws: YARNError.self) { try RMConnection(addresses: [" ", ""]) }
    }

    @Test func environmentAndEMRSources() throws {
        let env = ["SPARKDEPLOY_YARN_URL": "http://rm1:8088, http://rm2:8088"]
        #expect(try RMConnection.fromEnvironment(env)?.endpoints.map(\.baseURL) == ["http://rm1:8088", "http://rm2:8088"])
        #expect(try RMConnection.fromEnvironment([:]) == nil)
        #expect(
            try RMConnection.emrMaster(dns: "ec2-1-2-3-4.compute.amazonaws.com").endpoints.first?.baseURL
                == "http://ec2-1-2-3-4.compute.amazonaws.com:8088")
        let resolved = try RMConnection.resolve(environment: [:], emrMasterDNS: "master")
        #expect(resolved.endpoints.map(\.baseURL) == ["http://master:8088"])
        #expect(throws: YARNError.self) { try RMConnection.resolve(environment: [:]) }
    }

    @Test func authAddsParametersAndHeadersButLabelsHideSecrets() {
        let simple = RMAuth.simple(user: "alice", doAs: "bob")
        #expect(simple.queryItems.map(\.name) == ["user.name", "doAs"])
        let basic = RMAuth.basic(user: "alice", password: "s3cr3t-pass")
        #expect(basic.headers.first?.value == "Basic YWxpY2U6czNjcjN0LXBhc3M=")
        #expect(!basic.label.contains("s3cr3t"))
        #expect(RMAuth.delegationToken("tok-123456").headers.first?.name == "X-Hadoop-Delegation-Token")
    }

    @Test func errorsNeverCarrySecretQueryValues() {
        let error = YARNError(
            .badRequest, operation: "apps", method: "GET",
            endpoint: "http://rm:8088/ws/v1/cluster/apps?user.name=alice&delegation=abcdef123", message: "x")
        #expect(error.endpoint == "http://rm:8088/ws/v1/cluster/apps?user.name=alice&delegation=***")
    }
}
