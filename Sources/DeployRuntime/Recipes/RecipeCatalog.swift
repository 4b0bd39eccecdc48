import Foundation

/// Finds recipes: `--recipes DIR` > `SPARKDEPLOY_RECIPES` > `./recipes`.
public struct RecipeCatalog: Sendable {
    /// The recipes directory.
    public let directory: URL

    /// Resolves the directory from an explicit flag, the environment, or the working directory.
    public init(explicit: String?, environment: [String: String]) {
        let path = explicit ?? environment["SPARKDEPLOY_RECIPES"] ?? "recipes"
        directory =
            URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
    }

    /// Where `require` looks instead of `<directory>/lib`: a run sets it to its recipe file's sibling `lib/`, so
    /// `run path/to/x.lua` finds `path/to/lib/`.
    public var libraryOverride: URL?

    /// Shared helpers for `require`.
    public var libraryDirectory: URL { libraryOverride ?? directory.appendingPathComponent("lib") }

    /// The `lib/` directory beside a recipe file: where its `require`s resolve.
    public static func library(besides file: URL) -> URL {
        file.deletingLastPathComponent().appendingPathComponent("lib")
    }

    /// Recipe names (files `*.lua` directly in the directory), sorted.
    public func names() -> [String] {
        let items = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return items.filter { $0.hasSuffix(".lua") }.map { String($0.dropLast(4)) }.sorted()
    }

    /// The file of recipe `name` (a name in the directory, or a path to a `.lua` file).
    public func file(for name: String) -> URL? {
        if name.hasSuffix(".lua") || name.contains("/") {
            let url = URL(fileURLWithPath: name).standardizedFileURL
            return FileManager.default.fileExists(atPath: url.path) ? url : nil
        }
        let url = directory.appendingPathComponent(name + ".lua")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// The recipe name for a file.
    public static func name(of file: URL) -> String { file.deletingPathExtension().lastPathComponent }

    /// The path as errors show it (relative to the working directory when inside it).
    public static func displayPath(_ url: URL) -> String { GlobalsModule.displayPath(url) }
}
