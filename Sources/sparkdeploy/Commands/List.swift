import ArgumentParser
import DeployRuntime

/// `sparkdeploy list`
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",  // spelled out: deriving it from the type name costs a reflection scan at every start
        abstract: "List recipes with their descriptions and params.",
        discussion: """
            Examples:
              sparkdeploy list
              sparkdeploy list --recipes ./team-recipes
            """
    )

    @OptionGroup var runtime: RuntimeOptions

    func run() throws {
        let configuration = runtime.settings.makeConfiguration()
        let names = configuration.catalog.names()
        if names.isEmpty {
            print("no recipes in \(RecipeCatalog.displayPath(configuration.catalog.directory))")
            return
        }
        let width = names.map(\.count).max() ?? 0
        for name in names {
            guard let file = configuration.catalog.file(for: name) else { continue }
            switch RecipeRunner.metadata(of: file, configuration: configuration) {
            case .success(let metadata):
                let params = metadata.params.map { $0.required && $0.defaultValue == nil ? $0.name : "[\($0.name)]" }.joined(separator: " ")
                print("\(name.padding(toLength: width, withPad: " ", startingAt: 0))  \(metadata.description)")
                if !params.isEmpty { print("\(String(repeating: " ", count: width))    params: \(params)") }
            case .failure(let problems):
                print("\(name.padding(toLength: width, withPad: " ", startingAt: 0))  (invalid: \(problems.problems.first ?? "?"))")
            }
        }
    }
}
