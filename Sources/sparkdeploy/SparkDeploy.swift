import ArgumentParser
import Foundation
import SparkDeployCore

/// The `sparkdeploy` command: deploy recipes in Lua for Spark jobs on YARN and EMR.
@main
struct SparkDeploy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sparkdeploy",
        abstract: "Deploy, redeploy and operate Spark jobs on YARN and EMR with Lua recipes.",
        discussion: """
            Exit codes: 0 success · 1 the recipe failed · 2 usage (unknown recipe, bad params, syntax error) \
            · 3 deadline exceeded · 130 interrupted.

            Examples:
              sparkdeploy run redeploy-streaming --sandbox -p cluster=demo -p app=Aggregator -p jar=s3://b/agg-1.4.2.jar -p class=com.acme.Aggregator
              sparkdeploy exec -e 'print(1 + 1)'
              sparkdeploy check
            """,
        version: BuildVersion.display,
        subcommands: [
            Run.self, Exec.self, Repl.self, List.self, Describe.self, Check.self, API.self, Sandbox.self, Apps.self, Kill.self,
            Status.self, Logs.self, Steps.self, Man.self,
        ]
    )
}

extension SparkDeploy {
    /// Starts `exec` and `run` through ``QuickCommandLine`` when it is certain of the command line,
    /// and everything else (and anything it is unsure of) through ArgumentParser.
    static func main() {
        if let invocation = QuickCommandLine.parse(Array(CommandLine.arguments.dropFirst())) {
            invocation.execute()
        }
        do {
            var command = try parseAsRoot()
            try command.run()
            exit()
        } catch {
            exit(usageAware: error)
        }
    }

    /// Exits for `error` as ArgumentParser would, except that a command-line mistake (an unknown option,
    /// a bad value, a failed validation) exits 2, the usage code `--help` documents, not ArgumentParser's 64.
    static func exit(usageAware error: any Error) -> Never {
        guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
        let message = OutsideText.escapingControls(Redactor.shared.redact(fullMessage(for: error)))  // may quote argv
        FileHandle.standardError.write(text: message + "\n")
        exit(withError: ExitStatus.usage)
    }
}
