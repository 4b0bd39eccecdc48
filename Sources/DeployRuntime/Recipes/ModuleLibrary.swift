import Foundation

/// Where `require "name"` finds a module: a `lib/` directory first, then the embedded `lib/` (when the
/// recipe may use it). The first that has `name` (dots as folders, `.lua` appended) wins, so a project's
/// module overrides an embedded one of the same name.
public struct ModuleLibrary: Sendable {
    /// The project's `lib/` directory (beside the recipe), or nil.
    public let directory: URL?
    /// Embedded modules by path inside `lib/`, searched after ``directory``.
    public let embedded: [String: String]

    /// A library of `directory` (may be missing) then `embedded`.
    public init(directory: URL?, embedded: [String: String] = [:]) {
        self.directory = directory
        self.embedded = embedded
    }

    /// A module's source and the chunk name it runs under (`@recipes/lib/deploy.lua`, `@embedded:recipes/lib/deploy.lua`).
    public struct Module: Sendable {
        /// The Lua source.
        public let source: String
        /// Where it came from as errors show it (no `@`).
        public let displayPath: String
    }

    /// The path inside `lib/` of module `name`: `a.b` → `a/b.lua`.
    static func relativePath(of name: String) -> String { name.replacingOccurrences(of: ".", with: "/") + ".lua" }

    /// Module `name`, or nil when no layer has it.
    public func module(_ name: String) -> Module? {
        let relative = Self.relativePath(of: name)
        if let directory {
            let file = directory.appendingPathComponent(relative)
            if let data = FileManager.default.contents(atPath: file.path) {
                return Module(source: String(decoding: data, as: UTF8.self), displayPath: RecipeCatalog.displayPath(file))
            }
        }
        if let source = embedded[relative] {
            return Module(source: source, displayPath: EmbeddedRecipes.chunkPrefix + "lib/" + relative)
        }
        return nil
    }

    /// Where a missing module `name` was looked for, for the "not found" error.
    public func lookedFor(_ name: String) -> String {
        let relative = Self.relativePath(of: name)
        var places: [String] = []
        if let directory { places.append(RecipeCatalog.displayPath(directory.appendingPathComponent(relative))) }
        if !embedded.isEmpty { places.append("the embedded lib/") }
        return places.isEmpty ? "no lib/ directory" : places.joined(separator: " and ")
    }
}
