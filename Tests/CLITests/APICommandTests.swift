import Foundation
import Testing

@Suite("sparkdeploy api")
struct APICommandTests {
    @Test("the LuaLS stub file is valid Lua and declares every documented function")
    func lualsLoads() throws {
        let r = try CLI.run(["api", "--format", "luals"])
        #expect(r.status == 0)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sparkdeploy-\(UUID().uuidString).lua")
        try r.stdout.write(to: file, atomically: true, encoding: .utf8)
        let markdown = try CLI.run(["api"]).stdout
        let lua = Process()
        lua.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        lua.arguments = ["lua5.4", "-e", "assert(loadfile(arg[1]))", file.path]
        lua.arguments = ["lua5.4", "-e", "assert(loadfile('\(file.path)'))"]
        try lua.run()
        lua.waitUntilExit()
        #expect(lua.terminationStatus == 0)
        // Every function the Markdown reference lists appears in the stubs.
        let names = markdown.split(separator: "\n").filter { $0.hasPrefix("### `") && $0.contains("(") }
            .compactMap { line -> String? in line.split(separator: "`").dropFirst().first.map { String($0.prefix { $0 != "(" }) } }
        #expect(names.count >= 10)
        for name in names {
            let stub = name.replacingOccurrences(of: "rm:", with: "RM:")
            #expect(
                r.stdout.contains("function \(stub)(")
                    || r.stdout.contains(":" + (name.split(separator: ":").last.map(String.init) ?? name) + "("),
                "\(name) missing from LuaLS stubs")
        }
    }

    @Test("docs/lua-api.md is up to date with the registrations")
    func docsFresh() throws {
        let r = try CLI.run(["api"])
        let committed = try String(contentsOf: CLI.packageRoot.appendingPathComponent("docs/lua-api.md"), encoding: .utf8)
        #expect(r.stdout == committed, "docs/lua-api.md is stale: run `sparkdeploy api > docs/lua-api.md`")
    }

    @Test("types/sparkdeploy.lua (the LuaLS stubs editors load) is up to date with the registrations")
    func stubsFresh() throws {
        let r = try CLI.run(["api", "--format", "luals"])
        #expect(r.status == 0)
        let committed = try String(contentsOf: CLI.packageRoot.appendingPathComponent("types/sparkdeploy.lua"), encoding: .utf8)
        #expect(r.stdout == committed, "types/sparkdeploy.lua is stale: run `sparkdeploy api --format luals > types/sparkdeploy.lua`")
    }
}
