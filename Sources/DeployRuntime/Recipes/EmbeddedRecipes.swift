/// Recipes and `lib/` modules built into the binary (the shipped `recipes/`), used where a project has none of
/// its own by that name. The runtime knows no particular set: the `sparkdeploy` command hands it the shipped one.
public struct EmbeddedRecipes: Sendable {
    /// Recipe sources by file name (`redeploy-streaming.lua`).
    public let recipes: [String: String]
    /// `lib/` module sources by path inside `lib/` (`deploy.lua`; `a/b.lua` for `require "a.b"`).
    public let library: [String: String]

    /// A set of embedded recipes and modules.
    public init(recipes: [String: String], library: [String: String]) {
        self.recipes = recipes
        self.library = library
    }

    /// No embedded recipes: only files count.
    public static let none = EmbeddedRecipes(recipes: [:], library: [:])

    /// The prefix of the chunk names embedded sources run under, e.g. `embedded:recipes/redeploy-streaming.lua`,
    /// so an error's `file:line` says the code is the binary's own copy, not a file in the working directory.
    public static let chunkPrefix = "embedded:recipes/"

    /// Recipe names (file names without `.lua`), sorted.
    public var names: [String] { recipes.keys.filter { $0.hasSuffix(".lua") }.map { String($0.dropLast(4)) }.sorted() }
}
