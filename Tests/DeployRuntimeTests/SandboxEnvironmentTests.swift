import ClusterSimulator
import DeployRuntime
import Foundation
import LuaHost
import SparkDeployCore
import Testing

/// What `--sandbox` and `sparkdeploy sandbox` set up for S3: the lock bucket and the endpoint variables.
@Suite struct SandboxEnvironmentTests {
    @Test func sandboxCreatesTheLockBucketAndPointsS3AtTheSimulator() async throws {
        let outcome = await LuaThread.run(name: "test.sandbox") { () -> Result<[String], SandboxTestError> in
            do {
                let sandbox = try SandboxEnvironment.start(scenario: .standard, clock: ScaledClock(rate: 1), seed: nil)
                defer { sandbox.stop() }
                var failures: [String] = []
                if sandbox.snapshot()?.buckets != ["sparkdeploy-sandbox"] { failures.append("bucket missing: \(String(describing: sandbox.snapshot()?.buckets))") }
                if sandbox.environment["AWS_ENDPOINT_URL_S3"] != sandbox.simulator.emrEndpoint { failures.append("AWS_ENDPOINT_URL_S3") }
                if sandbox.s3Endpoint != sandbox.simulator.emrEndpoint { failures.append("s3Endpoint") }

                let log = RunLog(configuration: LogConfiguration(format: .plain, level: .info), clock: SystemClock(), sink: { _ in })
                var configuration = RunConfiguration(catalog: RecipeCatalog(explicit: NSTemporaryDirectory(), environment: [:]),
                                                     log: log, environment: ["SPARKDEPLOY_LOCK_STORE": "s3://prod-locks/deploys",
                                                                             "AWS_ENDPOINT_URL_S3": "https://s3.example"])
                configuration.useSandbox(sandbox, clock: ScaledClock(rate: 1))
                if configuration.environment["SPARKDEPLOY_LOCK_STORE"] != "s3://sparkdeploy-sandbox/sparkdeploy" {
                    failures.append("lock store not replaced: \(configuration.environment["SPARKDEPLOY_LOCK_STORE"] ?? "nil")")
                }
                if configuration.environment["AWS_ENDPOINT_URL_S3"] != sandbox.simulator.emrEndpoint { failures.append("run S3 endpoint") }
                var plain = RunConfiguration(catalog: RecipeCatalog(explicit: NSTemporaryDirectory(), environment: [:]),
                                             log: log, environment: [:])
                plain.useSandbox(sandbox, clock: ScaledClock(rate: 1))
                // Every sandbox run exercises the lease and journal, in the sandbox's S3.
                if plain.environment["SPARKDEPLOY_LOCK_STORE"] != "s3://sparkdeploy-sandbox/sparkdeploy" {
                    failures.append("a run without a lock store did not get the sandbox's")
                }
                return .success(failures)
            } catch {
                return .failure(SandboxTestError(description: "\(error)"))
            }
        }
        #expect(try outcome.get() == [])
    }
}

struct SandboxTestError: Error, CustomStringConvertible {
    var description: String
}
