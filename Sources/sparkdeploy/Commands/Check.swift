import ArgumentParser
import DeployRuntime
import Foundation

/// `sparkdeploy check`
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",  // spelled out: deriving it from the type name costs a reflection scan at every start
        abstract: "Compile and validate every recipe and helper (a CI lint step).",
        discussion: """
            Reports every problem with file:line; exits 2 when any recipe has one.

            Examples:
              sparkdeploy check
              sparkdeploy check --recipes ./team-recipes
            """
    )

    @OptionGroup var runtime: RuntimeOptions

    func run() throws {
        let configuration = runtime.settings.makeConfiguration()
        let problems = RecipeChecker.check(configuration)
        let names = configuration.catalog.names()
        if problems.isEmpty {
            print("ok: \(names.count) recipe\(names.count == 1 ? "" : "s") checked")
            return
        }
        for problem in problems { print(problem) }
        print("\(problems.count) problem\(problems.count == 1 ? "" : "s") in \(names.count) recipe\(names.count == 1 ? "" : "s")")
        throw ExitStatus.usage
    }
}
