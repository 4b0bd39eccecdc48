import Foundation

/// Finds recipes. The project's recipes directory is `--recipes DIR`, else `SPARKDEPLOY_RECIPES`, else the first
/// `recipes/` directory from the working directory upwards; its `NAME.lua` files override the embedded recipes
/// (``EmbeddedRecipes``) by name, and every embedded recipe it does not override is still there.
public struct RecipeCatalog: Sendable {
    /// The project's recipes directory (it may not exist when given explicitly), or nil when none was given or found.
    public let directory: URL?
    /// Whether ``directory`` was given (`--recipes`, `SPARKDEPLOY_RECIPES`) rather than found.
    public let isExplicit: Bool
    /// The recipes and modules built into the binary.
    public let embedded: EmbeddedRecipes

    /// Resolves the directory from an explicit flag, the environment, or the working directory and its parents.
    public init(
        explicit: String?, environment: [String: String], embedded: EmbeddedRecipes = .none,
        workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) {
        self.embedded = embedded
        if let path = explicit ?? environment["SPARKDEPLOY_RECIPES"] {
            directory = URL(fileURLWithPath: path, relativeTo: workingDirectory).standardizedFileURL
            isExplicit = true
        } else {
            directory = Self.findUpwards(from: workingDirectory.standardizedFileURL)
            isExplicit = false
        }
    }

    /// The first `recipes/` directory in `start` or one of its parents.
    static func findUpwards(from start: URL) -> URL? {
        var current = start
        while true {
            let candidate = current.appendingPathComponent("recipes", isDirectory: true)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return candidate.standardizedFileURL
            }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path || current.path == "/" { return nil }
            current = parent
        }
    }

    /// Where `require` looks instead of the catalog's own `lib/`: a run sets it to its recipe's library, so
    /// `run path/to/x.lua` finds `path/to/lib/`.
    public var libraryOverride: ModuleLibrary?

    /// Where `require` resolves for code that is not a recipe (`exec`, the REPL): the project's `lib/`, then the embedded one.
    public var library: ModuleLibrary {
        libraryOverride ?? ModuleLibrary(directory: directory?.appendingPathComponent("lib"), embedded: embedded.library)
    }

    /// The project's `lib/` directory, when there is a project directory.
    public var libraryDirectory: URL? { directory?.appendingPathComponent("lib") }

    /// The `lib/` directory beside a recipe file: where its `require`s resolve.
    public static func library(besides file: URL) -> URL {
        file.deletingLastPathComponent().appendingPathComponent("lib")
    }

    /// Names of the project's recipe files (`*.lua` directly in the directory), sorted.
    public func projectNames() -> [String] {
        guard let directory else { return [] }
        let items = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return items.filter { $0.hasSuffix(".lua") }.map { String($0.dropLast(4)) }.sorted()
    }

    /// Every recipe name: the project's and the embedded ones, sorted, each once.
    public func names() -> [String] { Array(Set(projectNames()).union(embedded.names)).sorted() }

    /// Every recipe by name, the project's file where it has one, else the embedded copy.
    public func recipes() -> [RecipeSource] { names().compactMap { recipe(named: $0) } }

    /// Recipe `name`: a path to a `.lua` file, the project's `NAME.lua`, or the embedded recipe of that name.
    public func recipe(named name: String) -> RecipeSource? {
        if name.hasSuffix(".lua") || name.contains("/") {
            let url = URL(fileURLWithPath: name).standardizedFileURL
            return FileManager.default.fileExists(atPath: url.path) ? .file(url, embeddedLibrary: embedded.library) : nil
        }
        if let directory {
            let url = directory.appendingPathComponent(name + ".lua")
            if FileManager.default.fileExists(atPath: url.path) { return .file(url, embeddedLibrary: embedded.library) }
        }
        guard let source = embedded.recipes[name + ".lua"] else { return nil }
        return .embedded(name: name, source: source, library: embedded.library)
    }

    /// Where recipes were looked for, as the "unknown recipe" error says it.
    public var searchedDescription: String {
        var places: [String] = []
        if let directory { places.append(Self.displayPath(directory)) }
        if !embedded.recipes.isEmpty { places.append("embedded") }
        return places.isEmpty ? "no recipes directory (none given, no recipes/ found upwards)" : places.joined(separator: " and ")
    }

    /// The recipe name for a file.
    public static func name(of file: URL) -> String { file.deletingPathExtension().lastPathComponent }

    /// The path as errors show it (relative to the working directory when inside it).
    public static func displayPath(_ url: URL) -> String { GlobalsModule.displayPath(url) }
}
