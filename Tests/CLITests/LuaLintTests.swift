import Foundation
import Testing

/// luacheck (Debian's `lua-check`, installed by the test command) over the shipped recipes, with the
/// configuration `sparkdeploy api --format luacheck` generates from the registrations, and over the runtime
/// prelude: an undefined global, a shadowed local or an unused value fails here, not in a deploy.
@Suite("luacheck over the shipped Lua")
struct LuaLintTests {
    static func luacheck(_ arguments: [String]) throws -> CLIResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["luacheck", "--no-color", "--codes", "--no-max-line-length"] + arguments
        process.currentDirectoryURL = CLI.packageRoot
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIResult(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self), stderr: "")
    }

    @Test("recipes/ is clean under the generated .luacheckrc")
    func recipes() throws {
        let api = try CLI.run(["api", "--format", "luacheck"])
        #expect(api.status == 0)
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("luacheckrc-\(UUID().uuidString)")
        try api.stdout.write(to: config, atomically: true, encoding: .utf8)
        let r = try Self.luacheck(["--config", config.path, "recipes"])
        #expect(r.status == 0, "luacheck (is Debian's lua-check installed? scripts/bootstrap.sh --with-peers):\n\(r.stdout)")
    }

    @Test("the runtime prelude (Sources/DeployRuntime/Runtime/prelude.lua) is clean")
    func prelude() throws {
        let r = try Self.luacheck(["Sources/DeployRuntime/Runtime/prelude.lua", "--std", "lua54", "--globals", "debug"])
        #expect(r.status == 0, "luacheck:\n\(r.stdout)")
    }
}
