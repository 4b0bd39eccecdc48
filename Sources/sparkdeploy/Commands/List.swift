import ArgumentParser
import DeployRuntime

/// `sparkdeploy list`
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",  // spelled out: deriving it from the type name costs a reflection scan at every start
        abstract: "List recipes with where each comes from, their descriptions and params.",
        discussion: """
            A project's recipes/ (found from the working directory upwards, or --recipes DIR, or \
            SPARKDEPLOY_RECIPES) overrides the recipes built into the binary by name; the second column says \
            which: the file, or "embedded".

            Examples:
              sparkdeploy list
              sparkdeploy list --recipes ./team-recipes
            """
    )

    @OptionGroup var runtime: RuntimeOptions

    func run() throws {
        let configuration = runtime.settings.makeConfiguration()
        let recipes = configuration.catalog.recipes()
        if recipes.isEmpty {
            print("no recipes in \(configuration.catalog.searchedDescription)")
            return
        }
        // Three columns: the name, where it came from (its file, or "embedded": the binary's own copy), the description.
        let width = recipes.map(\.name.count).max() ?? 0
        let originWidth = recipes.map(\.originDescription.count).max() ?? 0
        for recipe in recipes {
            let lead =
                recipe.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + recipe.originDescription.padding(toLength: originWidth, withPad: " ", startingAt: 0)
            switch RecipeRunner.metadata(of: recipe, configuration: configuration) {
            case .success(let metadata):
                let params = metadata.params.map { $0.required && $0.defaultValue == nil ? $0.name : "[\($0.name)]" }.joined(separator: " ")
                print("\(lead)  \(metadata.description)")
                if !params.isEmpty { print("\(String(repeating: " ", count: width))    params: \(params)") }
            case .failure(let problems):
                print("\(lead)  (invalid: \(problems.problems.first ?? "?"))")
            }
        }
    }
}
