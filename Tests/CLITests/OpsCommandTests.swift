import Foundation
import Testing

/// Issue 20's everyday commands, driven as an operator types them against the sandbox: `apps`, `kill`,
/// `status`, `logs`, `steps` — a table for people, typed JSON and TSV for scripts, and `kill` audited.
@Suite("Everyday commands: apps, kill, status, logs, steps")
struct OpsCommandTests {
    static func run(_ arguments: [String]) throws -> CLIResult {
        try CLI.run(arguments, environment: ["SPARKDEPLOY_LOCK_DIR": NSTemporaryDirectory() + "locks-\(UUID().uuidString)"])
    }

    /// The JSON on stdout, decoded.
    static func json(_ r: CLIResult) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
    }

    @Test("apps --state RUNNING --sandbox prints a table with the seeded app")
    func appsTable() throws {
        let r = try Self.run(["apps", "--state", "RUNNING", "--sandbox"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("ID ") == true, "\(r.stdout)")
        #expect(lines.first?.contains("STATE") == true && lines.first?.contains("ELAPSED") == true, "\(r.stdout)")
        #expect(lines.count == 2, "\(r.stdout)")
        #expect(lines.last?.contains("Aggregator") == true && lines.last?.contains("RUNNING") == true, "\(r.stdout)")
        #expect(!r.stdout.contains("sandbox started"), "logs go to stderr, results to stdout")
    }

    @Test("apps --output json is valid JSON with JSON types; tsv has a header and tab-separated fields")
    func appsJSONAndTSV() throws {
        let r = try Self.run(["apps", "--state", "RUNNING", "--sandbox", "--output", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let apps = try #require(try Self.json(r) as? [[String: Any]], "\(r.stdout)")
        let app = try #require(apps.first)
        #expect(apps.count == 1)
        #expect(app["name"] as? String == "Aggregator")
        #expect(app["state"] as? String == "RUNNING")
        #expect(app["allocated_mb"] is NSNumber && !(app["allocated_mb"] is String), "\(app)")
        #expect(app["started_at"] is NSNumber, "\(app)")
        #expect(app["tags"] is [Any], "an empty list stays a list: \(app)")
        let none = try Self.run(["apps", "--state", "KILLED", "--sandbox", "--output", "json"])
        let noApps = try Self.json(none) as? [Any]
        #expect(noApps?.isEmpty == true, "\(none.stdout)")
        let tsv = try Self.run(["apps", "--sandbox", "--output", "tsv"])
        let rows = tsv.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(rows.first?.first == "id", "\(tsv.stdout)")
        #expect(rows.count == 2 && rows[1].count == rows[0].count, "\(tsv.stdout)")
    }

    @Test("kill --dry-run performs nothing, says what it would do and records the mutation")
    func killDryRun() throws {
        let r = try Self.run(["kill", "--name", "Aggregator", "--sandbox", "--dry-run", "--output", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let result = try #require(try Self.json(r) as? [String: Any], "\(r.stdout)")
        #expect(result["action"] as? String == "would kill")
        #expect(result["state"] as? String == "RUNNING", "nothing was killed")
        #expect(result["dry_run"] as? Bool == true)
        #expect(r.stderr.contains("mutations (not performed, dry run):"), "\(r.stderr)")
        #expect(r.stderr.contains("yarn.kill application_"), "\(r.stderr)")
    }

    @Test("kill --name --wait kills the app, and the audit trail shows it")
    func killWaits() throws {
        let r = try Self.run(["kill", "--name", "Aggregator", "--wait", "--timeout", "60", "--diagnostics", "by the operator", "--sandbox"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("killed"), "\(r.stdout)")
        #expect(r.stdout.contains("KILLED"), "\(r.stdout)")
        #expect(r.stderr.contains("mutations:") && r.stderr.contains("yarn.kill application_"), "\(r.stderr)")
        let missing = try Self.run(["kill", "--name", "Nope", "--sandbox"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("kill --name Nope: no unfinished application has this name"), "\(missing.stderr)")
        let both = try Self.run(["kill", "application_1_1", "--name", "X"])
        #expect(both.status == 2, "\(both.stderr)")
    }

    @Test("status --app --cluster shows the state, the build from the EMR step and the Spark progress")
    func status() throws {
        let r = try Self.run(["status", "--app", "Aggregator", "--cluster", "streaming-prod", "--sandbox", "--output", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let s = try #require(try Self.json(r) as? [String: Any], "\(r.stdout)")
        #expect(s["state"] as? String == "RUNNING")
        #expect((s["id"] as? String)?.hasPrefix("application_") == true)
        #expect(s["build"] as? String == "s3://sandbox-builds/aggregator-previous.jar", "\(s)")
        #expect((s["step_id"] as? String)?.hasPrefix("s-") == true, "\(s)")
        #expect(s["active_executors"] is NSNumber, "Spark progress: \(s)")
        let table = try Self.run(["status", "--app", "Aggregator", "--sandbox"])
        #expect(table.stdout.contains("state") && table.stdout.contains("RUNNING"), "\(table.stdout)")
    }

    @Test("logs shows the AM stderr tail of a failed app in --sandbox --scenario app-fails-to-start")
    func logsOfFailedApp() throws {
        let r = try Self.run(["logs", "--name", "Aggregator", "--sandbox", "--scenario", "app-fails-to-start"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Exception in thread \"main\" java.lang.ClassNotFoundException: com.acme.Aggregator"), "\(r.stdout)")
        let json = try Self.run([
            "logs", "--name", "Aggregator", "--tail", "3", "--sandbox", "--scenario", "app-fails-to-start", "--output", "json",
        ])
        let log = try #require(try Self.json(json) as? [String: Any], "\(json.stdout)")
        #expect(log["state"] as? String == "FAILED")
        #expect(log["file"] as? String == "stderr")
        #expect((log["lines"] as? [String])?.count == 3, "\(log)")
        #expect(log["truncated"] as? Bool == true)
        let other = try Self.run(["logs", "--name", "Aggregator", "--container", "container_nope", "--sandbox"])
        #expect(other.status == 1)
        #expect(other.stderr.contains("container_nope is no AM container"), "\(other.stderr)")
    }

    @Test("steps --cluster lists the cluster's steps with their build; --state filters")
    func steps() throws {
        let r = try Self.run(["steps", "--cluster", "streaming-prod", "--sandbox", "--output", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let steps = try #require(try Self.json(r) as? [[String: Any]], "\(r.stdout)")
        #expect(steps.count == 1)
        #expect(steps.first?["build"] as? String == "s3://sandbox-builds/aggregator-previous.jar")
        let none = try Self.run(["steps", "--cluster", "streaming-prod", "--state", "FAILED", "--sandbox"])
        #expect(none.status == 0)
        #expect(none.stdout.split(separator: "\n").count == 1, "only the header: \(none.stdout)")
        let unknown = try Self.run(["steps", "--cluster", "nope", "--sandbox"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("nope"), "\(unknown.stderr)")
    }
}
