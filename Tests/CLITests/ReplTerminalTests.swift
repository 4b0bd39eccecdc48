import Foundation
import Testing

/// `sparkdeploy repl` at a terminal (a pseudo-terminal the test types into): line editing and history,
/// continuation lines, completion, help, Ctrl-C and Ctrl-D, and `--sandbox`.
@Suite("REPL at a terminal")
struct ReplTerminalTests {
    /// Starts `sparkdeploy repl extra` in a fresh workspace whose HOME keeps the history, and waits for the prompt.
    static func start(_ extra: [String] = []) throws -> (PseudoTerminal, URL) {
        let workspace = try CLI.workspace()
        let terminal = try PseudoTerminal(["repl"] + extra, in: workspace, environment: ["HOME": workspace.path])
        #expect(terminal.waitFor("> "), "no prompt: \(terminal.output)")
        return (terminal, workspace)
    }

    @Test("Up recalls the previous line (not ^[[A); the history is kept in ~/.sparkdeploy_history, secrets left out")
    func upRecallsThePreviousLine() throws {
        let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
        let workspace = try CLI.workspace()
        let terminal = try PseudoTerminal(
            ["repl"], in: workspace, environment: ["HOME": workspace.path, "AWS_SECRET_ACCESS_KEY": secret])
        defer { terminal.stop() }
        terminal.type("6 * 7\r")
        #expect(terminal.waitFor("42"), "\(terminal.output)")
        terminal.type("x = '\(secret)'; print('set' .. 1)\r")  // a secret: history leaves the line out
        #expect(terminal.waitFor("set1"), "\(terminal.output)")
        terminal.type("\u{1b}[A\r")  // Up: the last line kept
        #expect(terminal.waitFor("42", count: 2), "Up did not recall '6 * 7': \(terminal.output)")
        #expect(!terminal.output.contains("^[[A"))
        #expect(terminal.waitForSignalKeys(false))
        terminal.type("\u{04}")  // Ctrl-D on an empty line
        #expect(terminal.waitForExit() == 0)
        let history = try String(contentsOf: workspace.appendingPathComponent(".sparkdeploy_history"), encoding: .utf8)
        #expect(history == "6 * 7\n", "\(history)")
    }

    @Test("Home, Ctrl-E, Left, Backspace, Ctrl-W, Ctrl-U and Ctrl-K edit the line")
    func editingKeys() throws {
        let (terminal, _) = try Self.start()
        defer { terminal.stop() }
        terminal.type("2 + 3\u{1b}[H1\u{05}0\r")  // "12 + 30"
        #expect(terminal.waitFor("42"), "\(terminal.output)")
        terminal.type("100 + 5\u{1b}[D\u{1b}[D\u{7f}-\r")  // "100 - 5"
        #expect(terminal.waitFor("95"), "\(terminal.output)")
        let sevenLefts = String(repeating: "\u{1b}[D", count: 7)
        terminal.type("junk junk\u{17}\u{15}7 * 11 + 1000\(sevenLefts)\u{0b}\r")  // "7 * 11"
        #expect(terminal.waitFor("77"), "\(terminal.output)")
    }

    @Test("an incomplete chunk continues with '>> ' and runs after 'end'")
    func continuationLines() throws {
        let (terminal, _) = try Self.start()
        defer { terminal.stop() }
        terminal.type("for i = 1, 3 do\r")
        #expect(terminal.waitFor(">> "), "\(terminal.output)")
        terminal.type("print('row ' .. i * 10)\r")
        #expect(terminal.waitFor(">> ", count: 2), "\(terminal.output)")
        terminal.type("end\r")
        #expect(terminal.waitFor("row 30"), "\(terminal.output)")
        #expect(terminal.output.contains("row 10") && !terminal.output.contains("<eof>"))
    }

    @Test("Tab completes emr.add_sp to emr.add_spark_step and lists several matches")
    func tabCompletes() throws {
        let (terminal, _) = try Self.start()
        defer { terminal.stop() }
        terminal.type("emr.add_sp\t == nil\r")
        #expect(terminal.waitFor("emr.add_spark_step == nil"), "\(terminal.output)")
        #expect(terminal.waitFor("false"), "\(terminal.output)")
        terminal.type("emr.add_\t")
        #expect(terminal.waitFor("emr.add_spark_step  emr.add_step"), "matches not listed: \(terminal.output)")
        terminal.type("\u{15}wait_un\t(\r")  // a global: wait_until
        #expect(terminal.waitFor("wait_until("), "\(terminal.output)")
    }

    @Test("help(emr.add_spark_step) prints its signature and doc; help lists the modules")
    func helpPrintsTheSpec() throws {
        let (terminal, _) = try Self.start()
        defer { terminal.stop() }
        terminal.type("help(emr.add_spark_step)\r")
        #expect(terminal.waitFor("emr.add_spark_step(cluster, spec)"), "\(terminal.output)")
        #expect(terminal.waitFor("Adds a command-runner.jar spark-submit step"), "\(terminal.output)")
        terminal.type("help\r")
        #expect(terminal.waitFor("yarn "), "\(terminal.output)")
        #expect(terminal.waitFor("YARN ResourceManager REST"), "\(terminal.output)")
        terminal.type("help('RM:kill')\r")
        #expect(terminal.waitFor("RM:kill(app, opts?)"), "\(terminal.output)")
    }

    @Test("Ctrl-C during sleep(30) returns to the prompt within a second; the session lives on")
    func controlCStopsTheCall() throws {
        let (terminal, _) = try Self.start()
        defer { terminal.stop() }
        terminal.type("answer = 41; print('set' .. 1)\r")
        #expect(terminal.waitFor("set1"), "\(terminal.output)")
        #expect(terminal.waitForSignalKeys(false), "the editor never took the terminal")
        terminal.type("sleep(30)\r")
        #expect(terminal.waitForSignalKeys(true), "the terminal never left raw mode")
        let typed = Date()
        terminal.type("\u{03}")  // the terminal turns it into SIGINT
        #expect(terminal.waitFor("interrupted\r\n\r> ", timeout: 5), "\(terminal.output)")
        #expect(Date().timeIntervalSince(typed) < 1, "took \(Date().timeIntervalSince(typed)) s")
        terminal.type("answer + 1\r")
        #expect(terminal.waitFor("42"), "the state was lost: \(terminal.output)")
        #expect(terminal.waitForSignalKeys(false))
        terminal.type("half typed\u{03}")  // Ctrl-C while editing drops the line
        #expect(terminal.waitFor("^C"), "\(terminal.output)")
        #expect(terminal.waitForSignalKeys(false))
        terminal.type("\u{04}")
        #expect(terminal.waitForExit() == 0, "\(terminal.output)")
    }

    @Test("repl --sandbox answers yarn.apps() with the seeded app")
    func sandbox() throws {
        let (terminal, _) = try Self.start(["--sandbox"])
        defer { terminal.stop() }
        terminal.type("yarn.apps()[1].name\r")
        #expect(terminal.waitFor("Aggregator", timeout: 20), "\(terminal.output)")
    }
}

/// `sparkdeploy repl` reading a pipe: no prompt, no editor, but the same continuation rule.
@Suite("REPL from a pipe")
struct ReplPipeTests {
    /// Runs `sparkdeploy repl` with `input` on its standard input.
    static func run(_ input: String) throws -> CLIResult {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["repl"]
        process.environment = CLI.processEnvironment(["HOME": try CLI.workspace().path])
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        (process.standardInput, process.standardOutput, process.standardError) = (stdin, stdout, stderr)
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIResult(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    @Test("a chunk spread over lines runs once complete; one left open at the end is its syntax error (exit 1)")
    func continuation() throws {
        let complete = try Self.run("for i = 1, 2 do\nprint('row ' .. i)\nend\n=1 + 1\n")
        #expect(complete.status == 0, "\(complete.output)")
        #expect(complete.stdout == "row 1\nrow 2\n2\n", "\(complete.output)")
        let open = try Self.run("x = 1 +\n")
        #expect(open.status == 1)
        #expect(open.stdout.contains("stdin:1:") && open.stdout.contains("<eof>"), "\(open.output)")
    }
}
