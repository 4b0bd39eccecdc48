import AWSCore
import ClusterSimulator
import DeployRuntime
import Foundation
import LuaHost
import Rehearsal
import SparkDeployCore
import Testing

/// What `--sandbox` and `sparkdeploy sandbox` set up: the lock bucket, and connection settings that point every
/// client at the simulator through their configuration, leaving the environment alone.
@Suite struct RehearsalClusterTests {
    @Test func rehearsalCreatesTheLockBucketAndPointsTheClientsAtTheSimulator() async throws {
        let outcome = await LuaThread.run(name: "test.rehearsal") { () -> Result<[String], RehearsalTestError> in
            do {
                let rehearsal = try RehearsalCluster.start(scenario: .standard, clock: ScaledClock(rate: 1), seed: nil)
                defer { rehearsal.stop() }
                var failures: [String] = []
                if rehearsal.snapshot()?.buckets != ["sparkdeploy-sandbox"] {
                    failures.append("bucket missing: \(String(describing: rehearsal.snapshot()?.buckets))")
                }
                if rehearsal.connection.aws.s3Endpoint != rehearsal.simulator.emrEndpoint { failures.append("S3 endpoint") }
                if rehearsal.s3Endpoint != rehearsal.simulator.emrEndpoint { failures.append("s3Endpoint") }
                let exports = Dictionary(
                    RehearsalCluster.exports(
                        emr: rehearsal.simulator.emrEndpoint, yarn: rehearsal.simulator.yarnEndpoints,
                        livy: rehearsal.simulator.livyEndpoint
                    )
                    .map { ($0.name, $0.value) }
                ) { first, _ in first }
                if exports["AWS_ENDPOINT_URL_S3"] != rehearsal.simulator.emrEndpoint { failures.append("exported AWS_ENDPOINT_URL_S3") }
                if exports["SPARKDEPLOY_LIVY_URL"] != rehearsal.simulator.livyEndpoint { failures.append("exported SPARKDEPLOY_LIVY_URL") }

                let log = RunLog(configuration: LogConfiguration(format: .plain, level: .info), clock: SystemClock(), sink: { _ in })
                // A developer's real AWS and Hadoop set-up: the rehearsal must not consult any of it, nor delete it.
                let developer = [
                    "SPARKDEPLOY_LOCK_STORE": "s3://prod-locks/deploys", "AWS_ENDPOINT_URL_S3": "https://s3.example",
                    "AWS_PROFILE": "prod", "AWS_WEB_IDENTITY_TOKEN_FILE": "/var/run/token", "AWS_ROLE_ARN": "arn:aws:iam::1:role/x",
                    "AWS_SESSION_TOKEN": "real-session", "HADOOP_CONF_DIR": "/etc/hadoop", "AWS_ENDPOINT_URL": "https://aws.example",
                ]
                var configuration = RunConfiguration(
                    catalog: RecipeCatalog(explicit: NSTemporaryDirectory(), environment: [:]),
                    log: log, environment: developer)
                configuration.connection.lease.store = "s3://prod-locks/from-the-flag"
                configuration.connection.aws.profile = "prod"
                configuration.connection.yarnUser = "ci"
                configuration.connection.lease.ttl = 60
                configuration.rehearse(on: rehearsal, clock: ScaledClock(rate: 1))
                if configuration.connection.lease.store != "s3://sparkdeploy-sandbox/sparkdeploy" {
                    failures.append("lock store not replaced: \(configuration.connection.lease.store ?? "nil")")
                }
                let aws = configuration.connection.aws
                if aws.s3Endpoint != rehearsal.simulator.emrEndpoint || aws.emrEndpoint != rehearsal.simulator.emrEndpoint {
                    failures.append("run endpoints")
                }
                if aws.profile != nil { failures.append("a profile is still consulted: \(aws.profile ?? "")") }
                if aws.credentials != RehearsalCluster.credentials { failures.append("no static credentials") }
                if aws.region != "us-east-1" { failures.append("region \(aws.region ?? "nil")") }
                if configuration.connection.yarnURLs != rehearsal.simulator.yarnEndpoints.joined(separator: ",") {
                    failures.append("yarn URLs")
                }
                if configuration.connection.livyURL != rehearsal.simulator.livyEndpoint { failures.append("livy URL") }
                if configuration.connection.yarnUser != "ci" || configuration.connection.lease.ttl != 60 {
                    failures.append("the run's own choices were lost")
                }
                if configuration.environment != developer { failures.append("the environment was edited: \(configuration.environment)") }

                var plain = RunConfiguration(
                    catalog: RecipeCatalog(explicit: NSTemporaryDirectory(), environment: [:]),
                    log: log, environment: [:])
                plain.rehearse(on: rehearsal, clock: ScaledClock(rate: 1))
                // Every rehearsal exercises the lease and journal, in the rehearsal's S3.
                if plain.connection.lease.store != "s3://sparkdeploy-sandbox/sparkdeploy" {
                    failures.append("a run without a lock store did not get the rehearsal's")
                }
                return .success(failures)
            } catch {
                return .failure(RehearsalTestError(description: "\(error)"))
            }
        }
        #expect(try outcome.get() == [])
    }
}

struct RehearsalTestError: Error, CustomStringConvertible {
    var description: String
}
