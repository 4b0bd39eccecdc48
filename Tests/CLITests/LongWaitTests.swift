import Foundation
import Testing

/// Issue 20: long waits are not silent. A step PENDING behind a running one on a
/// StepConcurrencyLevel 1 cluster is warned about at submit time and explained by a heartbeat
/// line every ~15 s of wall time; `rm:hold` reports "holding RUNNING n/m s" the same way.
@Suite("Long waits are not silent")
struct LongWaitTests {
    static let recipe = """
        recipe { description = 'x', params = { cluster = { type = 'string' }, app = { type = 'string' } } }
        local c = emr.cluster(params.cluster)
        local rm = yarn.connect(c)
        local app = rm:find_app { name = params.app, states = { 'RUNNING' } }
        stage('hold', function() rm:hold(app, 'RUNNING', 34) end)
        local s = emr.add_spark_step(c, { name = 'Other', jar = 's3://b/other.jar', class = 'com.acme.Other' })
        stage('wait', function()
          local ok = pcall(emr.wait_step, c, s, 'RUNNING', { timeout = 34 })
          print(ok and 'STARTED' or 'STILL PENDING')
        end)
        """

    @Test("heartbeat lines during hold and a PENDING step, and a warning when the step cannot start")
    func heartbeats() throws {
        let dir = try CLI.workspace(["waits.lua": Self.recipe])
        let r = try CLI.run(
            ["run", "waits", "--sandbox", "--sandbox-speed", "2", "-p", "cluster=streaming-prod", "-p", "app=Aggregator"], in: dir,
            environment: ["SPARKDEPLOY_LOCK_DIR": NSTemporaryDirectory() + "locks-\(UUID().uuidString)"])
        #expect(r.status == 0, "\(r.output)")
        #expect(r.stdout.contains("STILL PENDING"), "\(r.output)")
        #expect(r.stderr.contains("INFO  holding RUNNING "), "a hold heartbeat: \(r.stderr)")
        #expect(r.stderr.contains("/34 s (application_"), "\(r.stderr)")
        #expect(
            r.stderr.contains("cannot start yet: the cluster runs one step at a time (StepConcurrencyLevel 1) and s-"),
            "the submit-time warning: \(r.stderr)")
        #expect(r.stderr.contains("(Aggregator) is RUNNING; it stays PENDING"), "\(r.stderr)")
        let beat = try #require(
            r.stderr.split(separator: "\n").first { $0.contains("INFO  step s-") && $0.contains(" PENDING for ") }, "\(r.stderr)")
        #expect(beat.contains(": the cluster runs one step at a time (StepConcurrencyLevel 1) and s-"), "\(beat)")
        #expect(beat.contains("(Aggregator) is RUNNING"), "\(beat)")
    }
}
