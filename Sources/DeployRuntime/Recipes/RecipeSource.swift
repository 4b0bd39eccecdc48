import Foundation

/// A recipe the catalog found: its name, where it came from, and where its `require`s resolve.
public struct RecipeSource: Sendable {
    /// Where a recipe came from.
    public enum Origin: Sendable, Equatable {
        /// A file (a project's `recipes/NAME.lua`, or a path given to `run`).
        case file(URL)
        /// The copy built into the binary.
        case embedded
    }

    /// The recipe name (file name without `.lua`).
    public let name: String
    /// A file or the binary.
    public let origin: Origin
    /// The path errors and `describe` show: the file relative to the working directory, or
    /// `embedded:recipes/NAME.lua`.
    public let displayPath: String
    /// Where its `require`s resolve: a file's sibling `lib/` then the embedded `lib/`; an embedded recipe's
    /// only the embedded `lib/` (the shipped recipe runs with the modules it shipped with).
    public let library: ModuleLibrary
    /// The embedded source (nil for a file, which is read when needed).
    let embeddedSource: String?

    /// A recipe file, its `require`s resolving in `lib/` beside it and then in `embeddedLibrary`.
    public static func file(_ url: URL, embeddedLibrary: [String: String]) -> RecipeSource {
        RecipeSource(
            name: RecipeCatalog.name(of: url), origin: .file(url), displayPath: RecipeCatalog.displayPath(url),
            library: ModuleLibrary(directory: RecipeCatalog.library(besides: url), embedded: embeddedLibrary), embeddedSource: nil)
    }

    /// An embedded recipe.
    public static func embedded(name: String, source: String, library: [String: String]) -> RecipeSource {
        RecipeSource(
            name: name, origin: .embedded, displayPath: EmbeddedRecipes.chunkPrefix + name + ".lua",
            library: ModuleLibrary(directory: nil, embedded: library), embeddedSource: source)
    }

    /// Where `list` says it came from: the file's path, or "embedded".
    public var originDescription: String {
        switch origin {
        case .file: displayPath
        case .embedded: "embedded"
        }
    }

    /// The Lua source, nil when the file cannot be read.
    public func text() -> String? {
        if let embeddedSource { return embeddedSource }
        guard case .file(let url) = origin, let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
