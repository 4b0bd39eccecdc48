import Foundation
import Testing

@testable import YARN

@Suite struct YarnSiteTests {
    @Test func haConfigurationListsEveryRMInOrder() throws {
        let site = try YarnSiteConfiguration.parse(try Fixture.data("yarn-site-ha.xml"))
        #expect(site.rmIds == ["rm1", "rm2", "rm3"])
        #expect(
            try site.webappAddresses() == [
                "http://ip-10-0-0-1.ec2.internal:8088", "http://ip-10-0-0-2.ec2.internal:8088",
                "http://ip-10-0-0-3.ec2.internal:8088",
            ])
    }

    @Test func httpsOnlyPolicyUsesTheHTTPSAddress() throws {
        let site = try YarnSiteConfiguration.parse(try Fixture.data("yarn-site-https.xml"))
        #expect(try site.webappAddresses() == ["https://rm.example.com:8090"])
    }

    @Test func hostnameAloneGivesTheDefaultPort() throws {
        let site = try YarnSiteConfiguration.parse(try Fixture.data("yarn-site-single.xml"))
        #expect(try site.webappAddresses() == ["http://master.local:8088"])
    }

    @Test func brokenXMLNamesTheFile() throws {
        let error = #expect(throws: YARNError.self) {
            try YarnSiteConfiguration.parse(try Fixture.data("yarn-site-broken.xml"), source: "/etc/hadoop/yarn-site.xml")
        }
        #expect(error?.code == .configuration)
        #expect(error?.description.contains("/etc/hadoop/yarn-site.xml") == true)
    }

    @Test func loadsFromHadoopConfDir() throws {
        let directory = try #require(Bundle.module.resourceURL?.appendingPathComponent("Fixtures/hadoop-conf").path)
        let connection = try RMConnection.fromHadoopConfiguration(environment: ["HADOOP_CONF_DIR": directory])
        #expect(connection?.endpoints.count == 3)
    }
}
