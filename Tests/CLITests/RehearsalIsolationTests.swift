import Foundation
import Testing

/// `--sandbox` reaches the simulator through the clients' configuration (explicit endpoints, region, static
/// credentials, the rehearsal's lock store), whatever AWS and Hadoop set-up the environment describes, and
/// leaves that environment as it is.
@Suite("A rehearsal ignores the real AWS and Hadoop set-up without editing the environment")
struct RehearsalIsolationTests {
    @Test func hostileEnvironment() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("rehearsal-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        // Each of these would break (or redirect) a client that read it.
        let environment = [
            "AWS_PROFILE": "no-such-profile", "AWS_WEB_IDENTITY_TOKEN_FILE": home.appendingPathComponent("missing-token").path,
            "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/real", "AWS_ENDPOINT_URL": "http://127.0.0.1:9",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:9/creds", "HADOOP_CONF_DIR": home.appendingPathComponent("nope").path,
            "YARN_CONF_DIR": home.appendingPathComponent("nope").path, "AWS_REGION": "ap-south-2", "HOME": home.path,
            "SPARKDEPLOY_LOCK_STORE": "s3://real-locks/prod", "SPARKDEPLOY_LOCK_DIR": home.appendingPathComponent("locks").path,
        ]
        let script = """
            local l = lock("rehearsal")
            print("STORE", l.store)
            print("CLUSTER", emr.cluster("streaming-prod").name)
            print("APP", yarn.find_app{name = "Aggregator"}.name)
            print("ENV", env("AWS_PROFILE", "-"), env("HADOOP_CONF_DIR", "-") ~= "-")
            """
        let r = try CLI.run(["exec", "--sandbox", "-e", script], environment: environment)
        #expect(r.status == 0, "\(r.output)")
        #expect(r.stdout.contains("STORE\ts3://sparkdeploy-sandbox/sparkdeploy"), "\(r.output)")
        #expect(r.stdout.contains("CLUSTER\tstreaming-prod"), "\(r.output)")
        #expect(r.stdout.contains("APP\tAggregator"), "\(r.output)")
        #expect(r.stdout.contains("ENV\tno-such-profile\ttrue"), "env() shows the environment as it is: \(r.output)")
    }
}
