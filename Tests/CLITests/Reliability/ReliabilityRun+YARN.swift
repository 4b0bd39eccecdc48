import ClusterSimulator
import Foundation
import SparkDeployCore

/// The reliability matrix's YARN-only rows (no EMR: the RM and Livy): the previous build is deployed through
/// Livy by an earlier run of the binary (so the deploy journal in the lock store records it, as in use), the
/// scenario's faults apply from then on, and copies are told apart by their `sparkdeploy-build:` tags.
extension ReliabilityRun {
    /// The app tag every copy a YARN-only deploy starts carries.
    static let appTag = "sparkdeploy-app:aggregator"

    /// Runs `invocation` against a fresh YARN-only simulator in `world` and returns what it shows afterwards.
    static func runOnYARN(_ invocation: Invocation, in world: Scenario, environment extra: [String: String]) async throws -> Outcome {
        var quiet = world
        let faults = quiet.faults
        quiet.faults = []
        let sim = try await Simulator.start(SimulatorOptions(clock: ScaledClock(rate: 30), scenario: quiet))
        defer { Task { await sim.stop() } }
        try await sim.createBucket("reliability-locks")
        let env = [
            "SPARKDEPLOY_YARN_URL": sim.yarnEndpoints.joined(separator: ","), "SPARKDEPLOY_LIVY_URL": sim.livyEndpoint,
            "SPARKDEPLOY_LOCK_STORE": "s3://reliability-locks/sparkdeploy", "AWS_ENDPOINT_URL_S3": sim.s3Endpoint,
            "AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "test-secret-key", "AWS_REGION": "us-east-1",
            "AWS_EC2_METADATA_DISABLED": "true", "SPARKDEPLOY_LOCK_DIR": NSTemporaryDirectory() + "locks-\(UUID().uuidString)",
        ]
        let environment = env.merging(extra) { _, explicit in explicit }.filter { !$0.value.isEmpty }
        let newDigest = try await digest(of: newJar)
        if invocation.seedsPreviousBuild {
            let seed = try await CLI.runDetached(
                ["run", "redeploy-streaming", "-p", "app=\(app)", "-p", "jar=\(oldJar)", "-p", "class=com.acme.Aggregator"]
                    + deployTimes + ["--timeout", "120"],
                environment: environment)
            guard seed.status == 0 else {
                return Outcome(exit: -1, running: [], newSteps: 0, output: "seeding the previous build failed:\n" + seed.output)
            }
        }
        for fault in faults { await sim.apply(fault) }
        let seeded = await sim.snapshot()
        let previousBuilds = Set(seeded.apps.filter { isCopy($0) && ($0.state == "RUNNING" || $0.state == "ACCEPTED") }.map(build(of:)))

        var arguments = ["run", invocation.recipe, "-p", "app=\(app)"]
        arguments += invocation.params + ["--timeout", "120"]
        let result = try await CLI.runDetached(arguments, environment: environment)

        let after = await sim.snapshot()
        let running = after.apps.filter { isCopy($0) && ($0.state == "RUNNING" || $0.state == "ACCEPTED") }.map { copy in
            let build = build(of: copy)
            return build == newDigest ? "new" : previousBuilds.contains(build) ? "previous" : build
        }
        let submissions = after.apps.filter { build(of: $0) == newDigest }.count
        return Outcome(
            exit: result.status, running: running, newSteps: submissions, output: result.stderr + result.stdout,
            overlaps: overlaps(of: after.apps.filter(isCopy), startedBefore: seeded))
    }

    /// Whether `app` is a copy of the app: named like it (started by hand), or `<app>-…` with the app tag.
    static func isCopy(_ candidate: SimulatorSnapshot.App) -> Bool {
        candidate.name == app || (candidate.name.hasPrefix(app + "-") && candidate.tags.contains(appTag))
    }

    /// A copy's build: the digest its `sparkdeploy-build:` tag carries, or "hand-submitted".
    static func build(of copy: SimulatorSnapshot.App) -> String {
        copy.tags.first { $0.hasPrefix("sparkdeploy-build:") }.map { String($0.dropFirst("sparkdeploy-build:".count)) }
            ?? "hand-submitted"
    }

    /// The digest the deploy library gives the matrix's build of `jar` (`deploy.build_digest`, asked of the binary).
    static func digest(of jar: String) async throws -> String {
        let r = try await CLI.runDetached([
            "exec", "-e", "return require('deploy').build_digest{jar='\(jar)', class='com.acme.Aggregator', args={}, conf={}}",
        ])
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
