import Foundation
import LuaHost

/// `sparkdeploy check`: compiles every recipe and helper and validates every `recipe{}`.
public enum RecipeChecker {
    /// Every problem found, each starting with `file:line:` where known; empty when all is well.
    public static func check(_ configuration: RunConfiguration) -> [String] {
        var problems: [String] = []
        let catalog = configuration.catalog
        if !FileManager.default.fileExists(atPath: catalog.directory.path) {
            return ["\(RecipeCatalog.displayPath(catalog.directory)): no such recipes directory"]
        }
        for name in catalog.names() {
            guard let file = catalog.file(for: name) else { continue }
            if case .failure(let found) = RecipeRunner.metadata(of: file, configuration: configuration) {
                problems += found.problems
            }
            if let data = FileManager.default.contents(atPath: file.path) {
                problems += RequireCheck.problems(
                    source: String(decoding: data, as: UTF8.self), chunkName: RecipeCatalog.displayPath(file),
                    library: RecipeCatalog.library(besides: file), memoryLimit: configuration.memoryLimit, compile: false)
            }
        }
        let lib = catalog.libraryDirectory
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
