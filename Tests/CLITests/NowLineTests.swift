import Foundation
import Testing

/// Issue 20: every exit of a deploy (0, 1, 3, 130) ends with the same `now: …` line, and the JSON
/// summary carries it; after a deadline or a signal it is found with a budget of its own.
@Suite("Every exit says what runs now")
struct NowLineTests {
    static func arguments(settle: Int, extra: [String] = []) -> [String] {
        [
            "run", "redeploy-streaming", "--sandbox", "--sandbox-speed", "60", "-p", "cluster=streaming-prod", "-p", "app=Aggregator",
            "-p", "jar=s3://builds/aggregator-1.4.2.jar", "-p", "class=com.acme.Aggregator", "-p", "settle=\(settle)",
            "-p", "ready_timeout=60",
        ] + extra
    }

    static var environment: [String: String] { ["SPARKDEPLOY_LOCK_DIR": NSTemporaryDirectory() + "locks-\(UUID().uuidString)"] }

    /// The last line of the text summary.
    static func lastLine(_ r: CLIResult) -> String {
        r.stderr.split(separator: "\n").last.map(String.init) ?? ""
    }

    @Test("exit 0: the summary ends with now: naming the running copy and its build")
    func succeeded() throws {
        let r = try CLI.run(Self.arguments(settle: 10), environment: Self.environment)
        #expect(r.status == 0, "\(r.stderr.suffix(3000))")
        #expect(Self.lastLine(r).hasPrefix("now: 1 copy of Aggregator running (application_"), "\(r.stderr.suffix(2000))")
        #expect(Self.lastLine(r).hasSuffix("build s3://builds/aggregator-1.4.2.jar)"), "\(r.stderr.suffix(2000))")
    }

    @Test("exit 3: --timeout 5 during verify still says what runs (the new build, unverified)")
    func deadline() throws {
        let r = try CLI.run(Self.arguments(settle: 1200, extra: ["--timeout", "5"]), environment: Self.environment)
        #expect(r.status == 3, "\(r.stderr.suffix(3000))")
        #expect(r.stderr.contains("deadline of 5 s exceeded during stage 'verify'"), "\(r.stderr.suffix(3000))")
        #expect(Self.lastLine(r).hasPrefix("now: 1 copy of Aggregator running (application_"), "\(r.stderr.suffix(2000))")
        #expect(Self.lastLine(r).hasSuffix("build s3://builds/aggregator-1.4.2.jar)"), "\(r.stderr.suffix(2000))")
    }

    @Test("exit 1: a failed redeploy rolled back ends with now: naming the previous build")
    func failed() throws {
        let r = try SandboxWhyTests.run("stalled-build")
        #expect(r.status == 1, "\(r.stderr.suffix(3000))")
        #expect(Self.lastLine(r).hasPrefix("now: 1 copy of Aggregator running (application_"), "\(r.stderr.suffix(2000))")
        #expect(Self.lastLine(r).hasSuffix("build s3://sandbox-builds/aggregator-previous.jar)"), "\(r.stderr.suffix(2000))")
        #expect(NSString(string: r.stderr).components(separatedBy: "now: ").count == 2, "now: once: \(r.stderr.suffix(3000))")
    }

    @Test("exit 130: SIGINT during verify ends with now:")
    func interrupted() throws {
        let run = try WatchedRun.run(
            Self.arguments(settle: 1200), environment: Self.environment, when: "new app running"
        ) { process in kill(process.processIdentifier, SIGINT) }
        let r = run.result
        #expect(run.fired)
        #expect(r.status == 130, "\(r.stderr.suffix(3000))")
        #expect(Self.lastLine(r).hasPrefix("now: 1 copy of Aggregator running (application_"), "\(r.stderr.suffix(2000))")
    }

    @Test("the JSON summary carries now")
    func json() throws {
        let r = try CLI.run(Self.arguments(settle: 10, extra: ["--log-format", "json"]), environment: Self.environment)
        #expect(r.status == 0, "\(r.stderr.suffix(3000))")
        let summary = try #require(r.stderr.split(separator: "\n").last { $0.contains("\"event\":\"summary\"") })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(summary.utf8)) as? [String: Any])
        let now = try #require(object["now"] as? String, "\(summary)")
        #expect(now.hasPrefix("1 copy of Aggregator running (application_"), "\(now)")
    }

    @Test("a describe_now that never returns is cut off by its own budget after a deadline: now: unknown")
    func hanging() throws {
        let dir = try CLI.workspace([
            "hang.lua": """
            recipe { description = 'x' }
            describe_now(function() while true do sleep(1) end end)
            stage('wait', function() sleep(60) end)
            """
        ])
        let started = Date()
        let r = try CLI.run(["run", "hang", "--timeout", "1"], in: dir)
        #expect(r.status == 3, "\(r.output)")
        #expect(Self.lastLine(r).hasPrefix("now: unknown (describe_now failed:"), "\(r.stderr)")
        #expect(Date().timeIntervalSince(started) < 20)
    }

    @Test("a recipe's describe_now may fail: the run's own outcome stands, now: unknown")
    func failing() throws {
        let dir = try CLI.workspace([
            "ok.lua": "recipe { description = 'x' }\ndescribe_now(function() error('no RM') end)\nprint('done')\n"
        ])
        let r = try CLI.run(["run", "ok"], in: dir)
        #expect(r.status == 0, "\(r.output)")
        #expect(Self.lastLine(r) == "now: unknown (describe_now failed: no RM)", "\(r.stderr)")
    }
}
