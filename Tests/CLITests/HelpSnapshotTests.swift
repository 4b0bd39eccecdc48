import Foundation
import Testing

/// The help of every command, as committed snapshots (swift-argument-parser tests its own help the same
/// way): a change to an option's name, default or text shows up in review as a change to
/// `Tests/CLITests/Fixtures/help/*.txt`. A stale snapshot is rewritten and the test fails: review and commit it.
@Suite("Help text snapshots")
struct HelpSnapshotTests {
    static let commands = [
        "", "run", "exec", "repl", "list", "describe", "check", "api", "sandbox", "apps", "kill", "status", "logs", "steps",
    ]

    @Test("`sparkdeploy <command> --help` matches its snapshot", arguments: commands)
    func help(command: String) throws {
        let arguments = (command.isEmpty ? [] : [command]) + ["--help"]
        let r = try CLI.run(arguments, environment: ["COLUMNS": "100"])
        #expect(r.status == 0, "\(r.output)")
        let file = CLI.packageRoot.appendingPathComponent("Tests/CLITests/Fixtures/help/\(command.isEmpty ? "sparkdeploy" : command).txt")
        let committed = try? String(contentsOf: file, encoding: .utf8)
        if committed != r.stdout { try r.stdout.write(to: file, atomically: true, encoding: .utf8) }
        #expect(committed == r.stdout, "\(file.lastPathComponent) was stale; it has been rewritten: review and commit it")
    }
}
