import Foundation
import LuaHost

/// `sparkdeploy check`: compiles every recipe and helper and validates every `recipe{}`.
public enum RecipeChecker {
    /// Every problem found, each starting with `file:line:` where known; empty when all is well.
    /// It checks every recipe `run` would find (the project's and the embedded ones it does not override) and
    /// compiles every module of the project's `lib/`.
    public static func check(_ configuration: RunConfiguration) -> [String] {
        var problems: [String] = []
        let catalog = configuration.catalog
        if catalog.isExplicit, let directory = catalog.directory, !FileManager.default.fileExists(atPath: directory.path) {
            return ["\(RecipeCatalog.displayPath(directory)): no such recipes directory"]
        }
        for recipe in catalog.recipes() {
            if case .failure(let found) = RecipeRunner.metadata(of: recipe, configuration: configuration) {
                problems += found.problems
            }
            if let source = recipe.text() {
                problems += RequireCheck.problems(
                    source: source, chunkName: recipe.displayPath, library: recipe.library, memoryLimit: configuration.memoryLimit,
                    compile: false)
            }
        }
        guard let lib = catalog.libraryDirectory else { return problems }
        if let walker = FileManager.default.enumerator(atPath: lib.path) {
            let files = walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".lua") }.sorted()
            for relative in files {
                let url = lib.appendingPathComponent(relative)
                guard let data = FileManager.default.contents(atPath: url.path) else {
                    problems.append("\(RecipeCatalog.displayPath(url)): cannot be read")
                    continue
                }
                let source = String(decoding: data, as: UTF8.self)
                let chunk = "@" + RecipeCatalog.displayPath(url)
                let error: String? = LuaThread.runBlocking(name: "sparkdeploy.check") {
                    do {
                        let state = try LuaState(memoryLimit: configuration.memoryLimit)
                        _ = try state.load(source, chunkName: chunk)
                        return nil
                    } catch {
                        return LuaError.wrap(error).message
                    }
                }
                if let error { problems.append(error) }
            }
        }
        return problems
    }
}
