import ArgumentParser
import DeployRuntime
import Foundation

/// `sparkdeploy repl`
struct Repl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",  // spelled out: deriving it from the type name costs a reflection scan at every start
        abstract: "An interactive Lua prompt with the modules loaded.",
        discussion: """
            Each line runs in one persistent state; `=expr` or a bare expression prints its value. Ctrl-D exits.

            Examples:
              sparkdeploy repl
              sparkdeploy repl --sandbox
            """
    )

    @OptionGroup var runtime: RuntimeOptions

    func run() throws {
        let configuration = runtime.settings.makeConfiguration()
        let session = ReplSession(configuration: configuration)
        let interactive = isatty(STDIN_FILENO) == 1
        if interactive { print("sparkdeploy repl — Lua 5.4 with yarn, emr, json, log. Ctrl-D to exit.") }
        while true {
            if interactive { print("> ", terminator: "") }
            fflush(nil)
            guard let line = readLine() else { break }
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let (output, failed) = session.evaluate(line)
            if let output { print(output) }
            if failed && !interactive { throw ExitCode(1) }
        }
        session.close()
    }
}
