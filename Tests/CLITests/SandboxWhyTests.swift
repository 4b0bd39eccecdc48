import Foundation
import Testing

/// Issue 14's "done when", as a newcomer would type it: a build that holds RUNNING but makes no
/// progress is rolled back and the summary says why; a build that never starts shows its AM's stderr.
@Suite("Why a sandbox deploy failed")
struct SandboxWhyTests {
    static let deploy = [
        "-p", "cluster=streaming-prod", "-p", "app=Aggregator", "-p", "jar=s3://builds/aggregator-1.4.2.jar",
        "-p", "class=com.acme.Aggregator", "-p", "settle=10", "-p", "ready_timeout=60",
    ]

    static func run(_ scenario: String) throws -> CLIResult {
        try CLI.run(
            ["run", "redeploy-streaming", "--sandbox", "--sandbox-speed", "60", "--scenario", scenario] + deploy,
            environment: ["SPARKDEPLOY_LOCK_DIR": NSTemporaryDirectory() + "locks-\(UUID().uuidString)"])
    }

    /// The `why:` section of the summary.
    static func why(_ r: CLIResult) throws -> String {
        try #require(r.stderr.range(of: "\nwhy:\n").map { String(r.stderr[$0.upperBound...]) }, "\(r.stderr.suffix(3000))")
    }

    @Test("stalled-build: exit 1, the previous build RUNNING again, why: the new build completed no batch in 60 s")
    func stalled() throws {
        let r = try Self.run("stalled-build")
        #expect(r.status == 1, "\(r.stderr.suffix(3000))")
        #expect(r.stderr.contains("rolled back to s3://sandbox-builds/aggregator-previous.jar"), "\(r.stderr.suffix(3000))")
        #expect(r.stderr.contains("now: 1 copy of Aggregator running"), "\(r.stderr.suffix(3000))")
        #expect(r.stderr.contains("build s3://sandbox-builds/aggregator-previous.jar)"), "the previous build runs again")
        let why = try Self.why(r)
        #expect(why.contains("new build s3://builds/aggregator-1.4.2.jar"))
        #expect(why.contains("completed no Spark job or batch in 60 s while RUNNING"), "\(why)")
    }

    @Test("app-fails-to-start: why: shows the AM's stderr tail with the exception and the step's failure")
    func failsToStart() throws {
        let r = try Self.run("app-fails-to-start")
        #expect(r.status == 1, "\(r.stderr.suffix(3000))")
        let why = try Self.why(r)
        #expect(why.contains("AM stderr ("), "\(why)")
        #expect(why.contains("| Exception in thread \"main\" java.lang.ClassNotFoundException: com.acme.Aggregator"), "\(why)")
        #expect(why.contains("EMR step s-"), "\(why)")
    }

    @Test("progress=false turns the gate off: the stalled build is accepted on RUNNING alone")
    func gateOff() throws {
        let r = try CLI.run(
            ["run", "redeploy-streaming", "--sandbox", "--sandbox-speed", "60", "--scenario", "stalled-build"] + Self.deploy
                + ["-p", "progress=false"],
            environment: ["SPARKDEPLOY_LOCK_DIR": NSTemporaryDirectory() + "locks-\(UUID().uuidString)"])
        #expect(r.status == 0, "\(r.stderr.suffix(3000))")
        #expect(!r.stderr.contains("\nwhy:\n"))
    }
}
