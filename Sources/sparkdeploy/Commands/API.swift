import ArgumentParser
import DeployRuntime
import LuaHost

/// `sparkdeploy api`
struct API: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api",  // spelled out: deriving it from the type name costs a reflection scan at every start
        abstract: "Print the Lua API reference, generated from the registered functions.",
        discussion: """
            Examples:
              sparkdeploy api > docs/lua-api.md
              sparkdeploy api --format luals > types/sparkdeploy.lua
              sparkdeploy api --format luacheck > .luacheckrc
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, luals, luacheck
    }

    @Option(help: "markdown, luals (a ---@meta file for editors) or luacheck.")
    var format: Format = .markdown

    func run() throws {
        let modules = RecipeRunner.modules(context: nil, providers: DefaultProviders.all)
        switch format {
        case .markdown: print(APIDocumentation.markdown(modules), terminator: "")
        case .luals: print(APIDocumentation.luals(modules), terminator: "")
        case .luacheck: print(APIDocumentation.luacheck(modules), terminator: "")
        }
    }
}
