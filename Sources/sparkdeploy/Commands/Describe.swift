import ArgumentParser
import DeployRuntime

/// `sparkdeploy describe NAME`
struct Describe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",  // spelled out: deriving it from the type name costs a reflection scan at every start
        abstract: "Show one recipe's description and params.",
        discussion: """
            Examples:
              sparkdeploy describe redeploy-streaming
            """
    )

    @Argument(help: "Recipe name.", completion: RecipeCompletion.recipeNames)
    var name: String

    @OptionGroup var runtime: RuntimeOptions

    func run() throws {
        let configuration = runtime.settings.makeConfiguration()
        guard let recipe = configuration.catalog.recipe(named: name) else {
            configuration.log.log(.error, "unknown recipe '\(name)'")
            throw ExitStatus.usage
        }
        switch RecipeRunner.metadata(of: recipe, configuration: configuration) {
        case .failure(let problems):
            configuration.log.log(.error, problems.description)
            throw ExitStatus.usage
        case .success(let metadata):
            print("\(metadata.name) — \(metadata.path)\n\n\(metadata.description)\n")
            if metadata.params.isEmpty { print("no params") } else { print("params:") }
            for param in metadata.params {
                var traits = [param.kind.rawValue]
                if param.required && param.defaultValue == nil { traits.append("required") }
                if let d = param.defaultValue {
                    traits.append(param.secret ? "has a default (secret, not shown)" : "default \(RecipeRunner.render(d))")
                }
                if let c = param.choices { traits.append("one of " + c.joined(separator: "|")) }
                traits += param.rules.summary
                if param.secret { traits.append("secret") }
                print("  -p \(param.name)=…  (\(traits.joined(separator: ", ")))\(param.help.isEmpty ? "" : "\n      \(param.help)")")
            }
            if let timeout = metadata.timeout { print("\ndefault timeout: \(timeout) s") }
        }
    }
}
