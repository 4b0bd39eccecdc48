import Foundation
import Testing

/// Every shipped recipe on its happy path in `--sandbox`, and `--dry-run` performing no mutation.
@Suite("Shipped recipes in the sandbox")
struct SandboxRecipeTests {
    static let common = ["-p", "cluster=streaming-prod", "-p", "app=Aggregator"]
    static let build = ["-p", "jar=s3://builds/aggregator-1.4.2.jar", "-p", "class=com.acme.Aggregator"]

    static let cases: [(String, [String])] = [
        ("redeploy-streaming", common + build + ["-p", "settle=30"]),
        ("redeploy-via-cancel", common + build + ["-p", "settle=30"]),
        ("stop", common),
        ("status", common),
        ("graceful-stop", common + ["-p", "grace=30"]),
        ("hello", []),
        ("recreate-cluster", common + build + ["-p", "spec=examples/cluster-spec.json", "-p", "settle=10"]),
        ("submit", ["--no-seed", "-p", "cluster=streaming-prod", "-p", "app=NewJob"] + build + ["-p", "settle=10"]),
    ]

    @Test("happy path succeeds", arguments: cases.map(\.0))
    func happy(recipe: String) throws {
        let args = Self.cases.first { $0.0 == recipe }?.1 ?? []
        let r = try CLI.run(
            ["run", recipe, "--sandbox", "--sandbox-speed", "60"] + args,
            environment: ["SPARKDEPLOY_LOCK_DIR": NSTemporaryDirectory() + "locks-\(UUID().uuidString)"])
        #expect(r.status == 0, "\(r.stderr.suffix(2000))")
        #expect(r.stderr.contains("summary: \(recipe) succeeded"))
    }

    @Test("dry run performs no mutation", arguments: ["redeploy-streaming", "redeploy-via-cancel", "stop", "graceful-stop"])
    func dryRun(recipe: String) throws {
        let args = Self.cases.first { $0.0 == recipe }?.1 ?? []
        let r = try CLI.run(
            ["run", recipe, "--sandbox", "--dry-run", "--sandbox-speed", "60", "--log-format", "json"] + args,
            environment: ["SPARKDEPLOY_LOCK_DIR": NSTemporaryDirectory() + "locks-\(UUID().uuidString)"])
        // The last line is the summary; every mutation in it is marked dry_run, and the sandbox's
        // own check (below) confirms the simulator was not changed.
        let summary = r.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(summary.contains("\"event\":\"summary\""))
        #expect(!summary.contains("\"dry_run\":false"))
        #expect(r.stderr.contains("sandbox state unchanged"), "\(r.stderr.suffix(1500))")
    }

    @Test("the README's main command works (same arguments, debug build)")
    func readmeCommand() throws {
        let readme = try String(contentsOf: CLI.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let line = try #require(readme.split(separator: "\n").first { $0.hasPrefix("./scripts/demo.sh run ") })
        let arguments = line.split(separator: " ").dropFirst().map(String.init)
        let r = try CLI.run(arguments, environment: ["SPARKDEPLOY_LOCK_DIR": NSTemporaryDirectory() + "locks-\(UUID().uuidString)"])
        #expect(r.status == 0, "\(r.stderr.suffix(2000))")
        #expect(r.stderr.contains("summary: redeploy-streaming succeeded"))
    }

    @Test("check passes on every shipped recipe")
    func checkShipped() throws {
        let r = try CLI.run(["check"])
        #expect(r.status == 0, "\(r.output)")
    }
}
