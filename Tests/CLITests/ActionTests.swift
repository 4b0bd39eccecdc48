import Foundation
import Testing

/// The GitHub Action (`action.yml`): its run step, `scripts/action-run.sh run`, as a runner runs it — a fake
/// `GITHUB_STEP_SUMMARY` and `GITHUB_OUTPUT`, `GITHUB_ACTIONS=true`, inputs as `INPUT_*` — against the sandbox.
@Suite("GitHub Action")
struct ActionTests {
    static let params = """
        cluster=streaming-prod
          app=Aggregator

        # the build
        jar=s3://builds/aggregator-1.4.2.jar
        class=com.acme.Aggregator
        settle=10
        ready_timeout=60
        """

    /// What one run of the action's step left: its exit, the job summary and the outputs.
    struct ActionRun {
        var result: CLIResult
        var summary: String
        var outputs: [String: String]
    }

    /// Runs `scripts/action-run.sh run` with `inputs` (name → value, as action.yml passes them).
    static func run(_ inputs: [String: String]) throws -> ActionRun {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("action-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let summary = dir.appendingPathComponent("step-summary.md")
        let output = dir.appendingPathComponent("output.txt")
        try "earlier step\n".write(to: summary, atomically: true, encoding: .utf8)
        try Data().write(to: output)
        var environment = ProcessInfo.processInfo.environment
        environment["GITHUB_ACTIONS"] = "true"
        environment["CI"] = "true"
        environment["GITHUB_STEP_SUMMARY"] = summary.path
        environment["GITHUB_OUTPUT"] = output.path
        environment["RUNNER_TEMP"] = dir.path
        environment["SPARKDEPLOY_BIN"] = CLI.binary.path
        environment["SPARKDEPLOY_LOCK_DIR"] = dir.appendingPathComponent("locks").path
        for (name, value) in inputs { environment["INPUT_" + name.uppercased().replacingOccurrences(of: "-", with: "_")] = value }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [CLI.packageRoot.appendingPathComponent("scripts/action-run.sh").path, "run"]
        process.currentDirectoryURL = CLI.packageRoot
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var outputs: [String: String] = [:]
        for line in try String(contentsOf: output, encoding: .utf8).split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            outputs[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return ActionRun(
            result: CLIResult(
                status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                stderr: String(decoding: stderr, as: UTF8.self)),
            summary: try String(contentsOf: summary, encoding: .utf8), outputs: outputs)
    }

    @Test("a redeploy in the sandbox: outcome=success, app-id and step-id of what runs now, the summary appended")
    func success() throws {
        let run = try Self.run([
            "recipe": "redeploy-streaming", "params": Self.params, "dry-run": "false", "version": "test",
            "args": "--sandbox --sandbox-speed 60",
        ])
        let log = run.result.output
        #expect(run.result.status == 0, "\(log.suffix(3000))")
        #expect(run.outputs["outcome"] == "success", "\(run.outputs)")
        #expect(run.outputs["status"] == "succeeded")
        #expect(run.outputs["exit-code"] == "0")
        let app = try #require(run.outputs["app-id"], "\(run.outputs)")
        #expect(app.hasPrefix("application_"), "\(run.outputs)")
        #expect(run.outputs["step-id"]?.hasPrefix("s-") == true, "\(run.outputs)")
        #expect(run.summary.hasPrefix("earlier step\n## sparkdeploy `redeploy-streaming`: succeeded"), "\(run.summary)")
        #expect(run.summary.contains("| Outcome | succeeded |"))
        for stage in ["inspect", "stop old", "submit", "verify"] {
            #expect(run.summary.contains("| \(stage) | succeeded | "), "\(stage): \(run.summary)")
        }
        #expect(run.summary.contains("**Now:** 1 copy of Aggregator running (\(app.replacingOccurrences(of: "_", with: "\\_"))"))
        #expect(log.contains("::group::"), "stages fold into groups under GITHUB_ACTIONS=true")
    }

    @Test("dry-run: true runs with --dry-run: the mutations are listed as not performed")
    func dryRun() throws {
        let run = try Self.run([
            "recipe": "redeploy-streaming", "params": Self.params, "dry-run": "true", "args": "--sandbox --sandbox-speed 60",
        ])
        #expect(run.result.status == 0, "\(run.result.output.suffix(3000))")
        #expect(run.summary.contains("### Mutations (not performed, dry run)"), "\(run.summary)")
        #expect(run.outputs["outcome"] == "success")
    }

    @Test("a build that never starts: outcome=failure, exit 1, the summary says why")
    func failure() throws {
        let run = try Self.run([
            "recipe": "redeploy-streaming", "params": Self.params,
            "args": "--sandbox --sandbox-speed 60 --scenario app-fails-to-start",
        ])
        #expect(run.result.status == 1, "\(run.result.output.suffix(3000))")
        #expect(run.outputs["outcome"] == "failure", "\(run.outputs)")
        #expect(run.outputs["status"] == "failed")
        #expect(run.summary.contains("| Outcome | failed |"), "\(run.summary)")
        #expect(run.summary.contains("### Why"), "\(run.summary)")
        #expect(run.summary.contains("java.lang.ClassNotFoundException"), "\(run.summary)")
    }

    @Test("a bad param: outcome=failure, exit 2, the summary names the param")
    func badParam() throws {
        let run = try Self.run([
            "recipe": "redeploy-streaming", "params": Self.params + "\nbogus=1", "args": "--sandbox",
        ])
        #expect(run.result.status == 2, "\(run.result.output.suffix(3000))")
        #expect(run.outputs["outcome"] == "failure")
        #expect(run.outputs["status"] == "usage")
        #expect(run.summary.contains("### Why") && run.summary.contains("unknown param 'bogus'"), "\(run.summary)")
    }

    @Test("dry-run other than true/false is refused before anything runs")
    func badDryRun() throws {
        let run = try Self.run(["recipe": "hello", "dry-run": "yes"])
        #expect(run.result.status == 2)
        #expect(run.result.stderr.contains("input 'dry-run' must be true or false, got 'yes'"), "\(run.result.stderr)")
    }

    @Test("action.yml's inputs are exactly the INPUT_* the script reads, each passed to it; its outputs are the script's")
    func inputsMatchScript() throws {
        let yaml = try String(contentsOf: CLI.packageRoot.appendingPathComponent("action.yml"), encoding: .utf8)
        let script = try String(contentsOf: CLI.packageRoot.appendingPathComponent("scripts/action-run.sh"), encoding: .utf8)
        let inputs = Self.keys(under: "inputs:", in: yaml)
        let outputs = Self.keys(under: "outputs:", in: yaml)
        #expect(inputs == ["recipe", "params", "targets", "dry-run", "version", "args"])
        var read = Set<String>()
        var rest = Substring(script)
        while let range = rest.range(of: "INPUT_") {
            let name = rest[range.upperBound...].prefix { $0.isUppercase || $0 == "_" }
            read.insert(name.lowercased().replacingOccurrences(of: "_", with: "-"))
            rest = rest[range.upperBound...]
        }
        read.remove("")  // the prose's `INPUT_<NAME>`
        #expect(read == Set(inputs), "script reads \(read.sorted()), action.yml declares \(inputs)")
        for input in inputs {
            let variable = "INPUT_" + input.uppercased().replacingOccurrences(of: "-", with: "_")
            #expect(yaml.contains("\(variable): ${{ inputs.\(input) }}"), "action.yml passes \(input) as \(variable)")
        }
        for output in outputs {
            #expect(script.contains("echo \"\(output)="), "the script writes output \(output)")
            #expect(yaml.contains("value: ${{ steps.run.outputs.\(output) }}"), "action.yml maps output \(output)")
        }
        #expect(Set(outputs).isSuperset(of: ["outcome", "app-id", "step-id"]))
    }

    /// The keys indented two spaces under a top-level `section:` line of a YAML file.
    static func keys(under section: String, in yaml: String) -> [String] {
        var keys: [String] = []
        var inside = false
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" ") && !line.isEmpty { inside = line == section }
            guard inside, line.hasPrefix("  "), !line.hasPrefix("   "), let colon = line.firstIndex(of: ":") else { continue }
            keys.append(line[..<colon].trimmingCharacters(in: .whitespaces))
        }
        return keys
    }
}
