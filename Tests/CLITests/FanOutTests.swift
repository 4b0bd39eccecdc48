import Foundation
import Testing

/// `sparkdeploy run … --target/--targets`: one recipe, many targets, one invocation.
@Suite("sparkdeploy run fan-out")
struct FanOutTests {
    static let greet = """
        recipe {
          description = "greets a target; fails when told to",
          params = { who = { required = true }, fail = { type = "boolean", default = false } },
        }
        stage("greet", function()
          if params.fail then fail("target " .. params.who .. " was told to fail") end
          print("hello " .. params.who)
        end)
        """

    static let deploy = ["-p", "jar=s3://builds/fleet-2.0.jar", "-p", "class=com.acme.Job", "--sandbox", "--log-format", "json"]

    /// The `fanout_summary` object from a JSON-format run's stderr.
    static func summary(_ r: CLIResult) throws -> [String: Any] {
        let line = try #require(r.stderr.split(separator: "\n").last { $0.contains("\"fanout_summary\"") }, "\(r.output)")
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    static func statuses(_ summary: [String: Any]) -> [String: String] {
        let targets = summary["targets"] as? [[String: Any]] ?? []
        return Dictionary(targets.map { ($0["target"] as? String ?? "?", $0["status"] as? String ?? "?") }, uniquingKeysWith: { a, _ in a })
    }

    @Test("redeploys three apps on three sandbox clusters: each killed once, each new build running")
    func fleet() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("fleet-\(UUID().uuidString).json")
        try
            #"[{"cluster":"stream-a","app":"Aggregator"},{"cluster":"stream-b","app":"Enricher"},{"cluster":"stream-c","app":"Sessionizer"}]"#
            .write(to: file, atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", "redeploy-streaming", "--targets", file.path] + Self.deploy)
        #expect(r.status == 0, "\(r.output)")
        let summary = try Self.summary(r)
        #expect(
            Self.statuses(summary) == [
                "stream-a/Aggregator": "succeeded", "stream-b/Enricher": "succeeded",
                "stream-c/Sessionizer": "succeeded",
            ])
        let events = r.stderr.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let fields = events.compactMap { $0["fields"] as? [String: String] }
        let kills = fields.filter { $0["action"] == "yarn.kill" }
        #expect(kills.count == 3, "\(kills)")
        #expect(Set(kills.compactMap { $0["target"] }).count == 3, "each target kills its own app")
        let deployed = fields.filter { $0["build"] == "s3://builds/fleet-2.0.jar" && $0["app"] != nil && $0["running"] != nil }
        #expect(Set(deployed.compactMap { $0["target"] }) == ["stream-a/Aggregator", "stream-b/Enricher", "stream-c/Sessionizer"])
        for line in deployed { #expect(line["running"]?.hasPrefix("1 copy of \(line["app"] ?? "?") running") == true, "\(line)") }
    }

    @Test("two targets that name the same app: one deploys, the other is refused by the lock")
    func sameAppTwice() throws {
        let r = try CLI.run(
            [
                "run", "redeploy-streaming", "--target", "label=first cluster=stream-a app=Aggregator",
                "--target", "label=second cluster=stream-a app=Aggregator",
            ] + Self.deploy)
        #expect(r.status == 1, "\(r.output)")
        let statuses = Self.statuses(try Self.summary(r))
        #expect(statuses.values.sorted() == ["failed", "succeeded"], "\(statuses)")
        let submits = r.stderr.split(separator: "\n").filter { $0.contains("\"action\":\"emr.add_step\"") }
        #expect(submits.count == 1, "exactly one submit: \(submits)")
        #expect(r.stderr.contains("lock"), "\(r.stderr)")
    }

    @Test("a refused target stops the whole fan-out before anything runs, and every problem is listed")
    func refusedBeforeStart() throws {
        let dir = try CLI.workspace(["greet.lua": Self.greet])
        let r = try CLI.run(["run", "greet", "--target", "who=ann", "--target", "fail=maybe", "--target", "who=cy wat=1"], in: dir)
        #expect(r.status == 2, "\(r.output)")
        #expect(!r.stdout.contains("hello"), "nothing ran: \(r.stdout)")
        #expect(r.stderr.contains("[maybe] invalid params for greet"))
        #expect(r.stderr.contains("missing required param 'who'"))
        #expect(r.stderr.contains("param 'fail': expected boolean, got 'maybe'"))
        #expect(r.stderr.contains("[1/cy] invalid params for greet"))
        #expect(r.stderr.contains("unknown param 'wat'"))
        #expect(r.stderr.contains("nothing was started"))
    }

    @Test("one failing target does not stop the others; the exit code reports it")
    func independentTargets() throws {
        let dir = try CLI.workspace(["greet.lua": Self.greet])
        let r = try CLI.run(
            [
                "run", "greet", "--parallel", "1", "--target", "who=ann", "--target", "who=bob fail=true",
                "--target", "who=cy",
            ], in: dir)
        #expect(r.status == 1, "\(r.output)")
        #expect(r.stdout.contains("[ann] hello ann"))
        #expect(r.stdout.contains("[cy] hello cy"))
        #expect(r.stderr.contains("target bob was told to fail"))
        #expect(r.stderr.contains("2 succeeded, 1 FAILED"))
    }

    @Test("--fail-fast starts no target after a failure")
    func failFast() throws {
        let dir = try CLI.workspace(["greet.lua": Self.greet])
        let r = try CLI.run(
            [
                "run", "greet", "--parallel", "1", "--fail-fast", "--target", "who=ann", "--target", "who=bob fail=true",
                "--target", "who=cy",
            ], in: dir)
        #expect(r.status == 1, "\(r.output)")
        #expect(r.stdout.contains("[ann] hello ann"))
        #expect(!r.stdout.contains("hello cy"))
        #expect(r.stderr.contains("1 succeeded, 1 FAILED, 1 not run"), "\(r.stderr)")
    }

    @Test("targets files: key=value lines with comments; duplicates and bad lines are usage errors")
    func targetsFile() throws {
        let dir = try CLI.workspace(["greet.lua": Self.greet])
        let good = dir.appendingPathComponent("targets.txt")
        try "# fleet\nwho=ann\n\nwho=bob, label=b\n".write(to: good, atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", "greet", "--targets", good.path], in: dir)
        #expect(r.status == 0, "\(r.output)")
        #expect(r.stdout.contains("[ann] hello ann") && r.stdout.contains("[b] hello bob"))
        let bad = dir.appendingPathComponent("bad.txt")
        try "who=ann\nwho\nwho=ann\n".write(to: bad, atomically: true, encoding: .utf8)
        let b = try CLI.run(["run", "greet", "--targets", bad.path], in: dir)
        #expect(b.status == 2)
        #expect(b.stderr.contains("bad.txt:2: who: expected key=value"), "\(b.stderr)")
        #expect(b.stderr.contains("target 'ann' is given 2 times"))
        let notJSON = dir.appendingPathComponent("t.json")
        try #"[{"who": {"nested": 1}}]"#.write(to: notJSON, atomically: true, encoding: .utf8)
        let j = try CLI.run(["run", "greet", "--targets", notJSON.path], in: dir)
        #expect(j.status == 2)
        #expect(j.stderr.contains("not a JSON array of objects"))
    }
}
