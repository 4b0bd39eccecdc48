import Foundation
import Testing

/// `sparkdeploy sandbox --print-env`: the export lines a shell evaluates to point clients at a sandbox.
@Suite struct SandboxCommandTests {
    @Test func printEnvPointsEMRS3AndTheLockStoreAtTheSandbox() throws {
        let r = try CLI.run(["sandbox", "--print-env", "--port", "4566"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("export AWS_ENDPOINT_URL_EMR=http://127.0.0.1:4566"))
        #expect(lines.contains("export AWS_ENDPOINT_URL_S3=http://127.0.0.1:4566"))
        #expect(lines.contains("export SPARKDEPLOY_LOCK_STORE=s3://sparkdeploy-sandbox/sparkdeploy"))
        #expect(lines.contains("export SPARKDEPLOY_YARN_URL=http://127.0.0.1:4567"))
    }
}
