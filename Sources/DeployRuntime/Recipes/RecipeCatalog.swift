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
    ///
    /// Paths are worked out as text (made absolute, `.` and `..` resolved, as `URL.standardizedFileURL` does):
    /// every start of `run` and `exec` comes through here, and Foundation's URL standardizing cost 0.66 M
    /// instructions of the 12.6 M `exec -e 'return 1'` took.
    public init(
        explicit: String?, environment: [String: String], embedded: EmbeddedRecipes = .none,
        workingDirectory: String = FileManager.default.currentDirectoryPath
    ) {
        self.embedded = embedded
        if let path = explicit ?? environment["SPARKDEPLOY_RECIPES"] {
            directory = URL(fileURLWithPath: Self.standardized(path, relativeTo: workingDirectory), isDirectory: true)
            isExplicit = true
        } else {
            directory = Self.findUpwards(from: Self.standardized(workingDirectory, relativeTo: "/"))
            isExplicit = false
        }
    }

    /// The first `recipes/` directory in `start` (an absolute, standardized path) or one of its parents.
    static func findUpwards(from start: String) -> URL? {
        var current = Substring(start)
        while true {
            let candidate = (current == "/" ? "" : String(current)) + "/recipes"
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), isDirectory.boolValue {
                return URL(fileURLWithPath: candidate, isDirectory: true)
            }
            guard current != "/", let slash = current.lastIndex(of: "/") else { return nil }
            current = slash == current.startIndex ? "/" : current[..<slash]
        }
    }

    /// `path` made absolute against `base` (absolute) with `.` and `..` resolved and repeated or trailing
    /// slashes dropped, as `URL.standardizedFileURL` does; symbolic links are left as they are.
    static func standardized(_ path: String, relativeTo base: String) -> String {
        // UTF-8 bytes, not Substrings: a first `split`, `joined` or `append(contentsOf:)` on strings costs a
        // scan of the conformance records. Splitting at the byte "/" is exact: no other character contains it.
        let slash = UInt8(ascii: "/")
        let absolute = path.utf8.first == slash ? Array(path.utf8) : Array(base.utf8) + [slash] + Array(path.utf8)
        var parts: [ArraySlice<UInt8>] = []
        for part in absolute.split(separator: slash) {
            if part.elementsEqual([UInt8(ascii: ".")]) { continue }
            if part.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) {
                _ = parts.popLast()
            } else {
                parts.append(part)
            }
        }
        var result: [UInt8] = []
        for part in parts {
            result.append(slash)
            result.append(contentsOf: part)
        }
        return result.isEmpty ? "/" : String(decoding: result, as: UTF8.self)
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
