import ArgumentParser

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
        version: "0.1.0",
        subcommands: [Run.self, Exec.self, Repl.self, List.self, Describe.self, Check.self, API.self, Sandbox.self]
    )
}

extension SparkDeploy {
    /// Starts `exec` and `run` through ``QuickCommandLine`` when it is certain of the command line,
    /// and everything else (and anything it is unsure of) through ArgumentParser.
    static func main() {
        if let invocation = QuickCommandLine.parse(Array(CommandLine.arguments.dropFirst())) {
            invocation.execute()
        }
        main(nil)
    }
}
