import Foundation
import Testing

/// `run --summary-file PATH`: the run summary, as Markdown or JSON by extension, written on every exit —
/// success, failure, deadline, usage — against the sandbox (a real HTTP simulator).
@Suite("Summary file")
struct SummaryFileTests {
    static let deploy = [
        "-p", "cluster=streaming-prod", "-p", "app=Aggregator", "-p", "jar=s3://builds/aggregator-1.4.2.jar",
        "-p", "class=com.acme.Aggregator", "-p", "settle=10", "-p", "ready_timeout=60",
    ]

    /// Runs redeploy-streaming in the sandbox with a Markdown and a JSON summary file; returns both texts.
    static func run(_ extra: [String]) throws -> (result: CLIResult, markdown: String, json: [String: Any]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("summary-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let markdown = dir.appendingPathComponent("summary.md")
        let json = dir.appendingPathComponent("summary.json")
        let result = try CLI.run(
            ["run", "redeploy-streaming", "--sandbox"] + extra + deploy + [
                "--summary-file", markdown.path, "--summary-file", json.path,
            ],
            environment: ["SPARKDEPLOY_LOCK_DIR": dir.appendingPathComponent("locks").path])
        let text = try String(contentsOf: markdown, encoding: .utf8)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any]
        return (result, text, try #require(object, "\(result.stderr.suffix(2000))"))
    }

    @Test("success: outcome, params, stages with times, mutations, what runs now and its app and step ids")
    func success() throws {
        let (r, markdown, json) = try Self.run(["--sandbox-speed", "60"])
        #expect(r.status == 0, "\(r.stderr.suffix(3000))")
        #expect(markdown.contains("| Outcome | succeeded |"), "\(markdown)")
        #expect(markdown.contains("| Exit code | 0 |"))
        #expect(markdown.contains("| `jar` | `s3://builds/aggregator-1.4.2.jar` |"), "\(markdown)")
        #expect(markdown.contains("| verify | succeeded | "), "\(markdown)")
        #expect(markdown.contains("- `yarn.kill` `application_"), "\(markdown)")
        #expect(markdown.contains("- `emr.add_step` "), "\(markdown)")
        #expect(markdown.contains("**Now:** 1 copy of Aggregator running"), "\(markdown)")
        #expect(!markdown.contains("### Why"))
        #expect(json["status"] as? String == "succeeded")
        #expect(json["exit_code"] as? Int == 0)
        #expect((json["stages"] as? [[String: Any]])?.map { $0["name"] as? String } == ["inspect", "stop old", "submit", "verify"])
        let now = try #require(json["now_fields"] as? [String: String], "\(json)")
        #expect(now["app_id"]?.hasPrefix("application_") == true, "\(now)")
        #expect(now["step_id"]?.hasPrefix("s-") == true, "\(now)")
        #expect((json["now"] as? String)?.contains(now["app_id"] ?? "?") == true)
        #expect((json["params"] as? [String: String])?["app"] == "Aggregator")
    }

    @Test("failure: exit 1, the why section with the AM's exception, the rollback among the mutations")
    func failure() throws {
        let (r, markdown, json) = try Self.run(["--sandbox-speed", "60", "--scenario", "app-fails-to-start"])
        #expect(r.status == 1, "\(r.stderr.suffix(3000))")
        #expect(markdown.contains("| Outcome | failed |"), "\(markdown)")
        let why = try #require(markdown.range(of: "### Why").map { String(markdown[$0.upperBound...]) }, "\(markdown)")
        #expect(why.contains("java.lang.ClassNotFoundException: com.acme.Aggregator"), "\(why)")
        #expect(markdown.contains("[rollback]"), "\(markdown)")
        #expect(json["status"] as? String == "failed")
        #expect((json["why"] as? [Any])?.isEmpty == false)
    }

    @Test("deadline (--timeout): exit 3, the stage it stopped in marked cancelled, still what runs now")
    func deadline() throws {
        let (r, markdown, json) = try Self.run(["--sandbox-speed", "1", "--timeout", "1"])
        #expect(r.status == 3, "\(r.stderr.suffix(3000))")
        #expect(markdown.contains("| Outcome | deadline_exceeded |"), "\(markdown)")
        #expect(markdown.contains("| cancelled — deadline of 1 s exceeded"), "\(markdown)")
        #expect(markdown.contains("**Now:** "), "\(markdown)")
        #expect(json["exit_code"] as? Int == 3)
        #expect((json["stages"] as? [[String: Any]])?.last?["outcome"] as? String == "cancelled")
    }

    @Test("a bad param: exit 2 and a summary saying why nothing started")
    func usage() throws {
        let (r, markdown, json) = try Self.run(["-p", "bogus=1"])
        #expect(r.status == 2, "\(r.stderr.suffix(3000))")
        #expect(markdown.contains("| Outcome | usage |"), "\(markdown)")
        #expect(markdown.contains("unknown param 'bogus'"), "\(markdown)")
        #expect(json["status"] as? String == "usage")
    }

    @Test("secrets never reach the summary file: a secret param, the environment's AWS key, in the error and in now")
    func secrets() throws {
        let token = "hunter2-summary-secret"
        let key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYzzSUMMARY"
        let dir = try CLI.workspace([
            "leak.lua": """
            recipe { description = "leaks on purpose", params = { token = { secret = true, required = true } } }
            describe_now(function() return "token " .. params.token, { app_id = params.token, step_id = env("AWS_SECRET_ACCESS_KEY") } end)
            report("report " .. params.token)
            stage("leak " .. params.token, function() fail("failing with " .. params.token .. " " .. env("AWS_SECRET_ACCESS_KEY")) end)
            """
        ])
        let markdown = dir.appendingPathComponent("s.md")
        let json = dir.appendingPathComponent("s.json")
        let r = try CLI.run(
            ["run", "leak", "-p", "token=\(token)", "--summary-file", markdown.path, "--summary-file", json.path],
            in: dir, environment: ["AWS_SECRET_ACCESS_KEY": key])
        #expect(r.status == 1, "\(r.stderr)")
        for file in [markdown, json] {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(text.contains("failing with"), "\(text)")
            #expect(text.contains("***"), "\(text)")
            #expect(!text.contains(token), "\(file.lastPathComponent): \(text)")
            #expect(!text.contains(key), "\(file.lastPathComponent): \(text)")
        }
    }

    /// A recipe whose stage `submit` holds a critical section for `seconds`, printing `IN SECTION` on entry.
    static func holding(_ seconds: Int) throws -> URL {
        try CLI.workspace([
            "swap.lua": """
            recipe { description = "critical" }
            describe_now(function() return "the old build", { app_id = "application_1_0001" } end)
            stage("submit", function()
              critical("swap", function() print("IN SECTION"); sleep(\(seconds)) end)
            end)
            """
        ])
    }

    @Test("SIGINT: exit 130, the stage stopped in, what runs now")
    func interrupted() throws {
        let dir = try Self.holding(2)
        let file = dir.appendingPathComponent("s.json")
        let run = try WatchedRun.run(["run", "swap", "--summary-file", file.path], in: dir, when: "IN SECTION") { process in
            kill(process.processIdentifier, SIGINT)
        }
        #expect(run.result.status == 130, "\(run.result.output)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        #expect(json["status"] as? String == "interrupted", "\(json)")
        #expect((json["stages"] as? [[String: Any]])?.first?["name"] as? String == "submit")
        #expect((json["now_fields"] as? [String: String])?["app_id"] == "application_1_0001", "\(json)")
    }

    @Test("a second SIGINT exits at once inside a critical section: the file still has the run so far")
    func exitAtOnce() throws {
        let dir = try Self.holding(30)
        let file = dir.appendingPathComponent("s.md")
        let run = try WatchedRun.run(["run", "swap", "--summary-file", file.path], in: dir, when: "IN SECTION") { process in
            kill(process.processIdentifier, SIGINT)
            Thread.sleep(forTimeInterval: 1.3)
            kill(process.processIdentifier, SIGINT)
        }
        #expect(run.result.status == 130, "\(run.result.output)")
        #expect(run.elapsed < 15, "took \(run.elapsed) s")
        let markdown = try String(contentsOf: file, encoding: .utf8)
        #expect(markdown.contains("| Outcome | interrupted |"), "\(markdown)")
        #expect(markdown.contains("| submit | cancelled — interrupted again by SIGINT: exited at once |"), "\(markdown)")
        #expect(markdown.contains("**Now:** swap in stage 'submit' (inside critical section 'swap'"), "\(markdown)")
    }

    @Test("a summary file whose name ends neither in .md nor .json is a usage error naming it")
    func badExtension() throws {
        let r = try CLI.run(["run", "hello", "--summary-file", "/tmp/summary.txt"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--summary-file /tmp/summary.txt: the name must end in .md or .json"), "\(r.stderr)")
    }
}
