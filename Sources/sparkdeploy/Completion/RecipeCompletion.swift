import ArgumentParser
import DeployRuntime
import Foundation

/// Shell completion of recipe names and `-p` param names: the completion scripts ArgumentParser generates
/// (`sparkdeploy --generate-completion-script bash|zsh|fish`) call back into the binary
/// (`sparkdeploy ---completion run -- --param …`), which answers from the recipes directory the command
/// line names (`--recipes`, else `$SPARKDEPLOY_RECIPES`, else `./recipes`) — what `list` and `describe` read.
enum RecipeCompletion {
    /// Completes a recipe name (`run`, `describe`).
    static let recipeNames = CompletionKind.custom { words, _, prefix in
        recipes(words).names().filter { $0.hasPrefix(prefix) }
    }

    /// Completes `-p` with the chosen recipe's params as `name=`, and a param with choices (or a boolean)
    /// after its `=` with `name=value`.
    static let paramNames = CompletionKind.custom { words, _, prefix in
        params(prefix: prefix, words: words)
    }

    /// What `-p prefix` may become for the recipe `words` (the command line being completed) names.
    static func params(prefix: String, words: [String]) -> [String] {
        let catalog = recipes(words)
        guard let name = recipeName(words), let recipe = catalog.recipe(named: name) else { return [] }
        var settings = RuntimeSettings()
        settings.recipes = catalog.isExplicit ? catalog.directory?.path : nil
        settings.quiet = true
        let configuration = settings.makeConfiguration(routeSignals: false)
        guard case .success(let metadata) = RecipeRunner.metadata(of: recipe, configuration: configuration) else { return [] }
        var candidates: [String] = []
        for param in metadata.params {
            let values = param.choices ?? (param.kind == .boolean ? ["true", "false"] : [])
            if prefix.hasPrefix(param.name + "=") {
                candidates += values.map { "\(param.name)=\($0)" }
            } else {
                candidates.append(param.name + "=")
            }
        }
        return candidates.filter { $0.hasPrefix(prefix) }
    }

    /// The recipes directory the command line names with `--recipes DIR` or `--recipes=DIR`, else the default.
    static func recipes(_ words: [String]) -> RecipeCatalog {
        var explicit: String?
        for (index, word) in words.enumerated() {
            if word == "--recipes", index + 1 < words.count { explicit = words[index + 1] }
            if word.hasPrefix("--recipes=") { explicit = String(word.dropFirst("--recipes=".count)) }
        }
        return RecipeCatalog(explicit: explicit, environment: ProcessInfo.processInfo.environment, embedded: .shipped)
    }

    /// The recipe `run`/`describe` names: the first word after the command that is neither an option nor
    /// an option's value (options that take one are known from ``RunOptions`` and ``SharedOptions``).
    static func recipeName(_ words: [String]) -> String? {
        guard let command = words.firstIndex(where: { $0 == "run" || $0 == "describe" }) else { return nil }
        var index = command + 1
        while index < words.count {
            let word = words[index]
            index += 1
            guard word.hasPrefix("-") else { return word }
            if !word.contains("="), takesValue(word) { index += 1 }
        }
        return nil
    }

    private static func takesValue(_ word: String) -> Bool {
        let spelling = word.hasPrefix("--") ? String(word.dropFirst(2)) : word
        let valued: Bool? =
            RunOptions.ownBySpelling[spelling].map { Self.takesValue($0.store) }
            ?? SharedOptions.bySpelling[spelling].map { Self.takesValue($0.store) }
        return valued ?? false
    }

    private static func takesValue<Root>(_ store: CommandLineOption<Root>.Store) -> Bool {
        switch store {
        case .value, .repeated: return true
        case .flag, .counter, .invertible: return false
        }
    }
}
