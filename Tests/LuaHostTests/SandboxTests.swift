import LuaHost
import Testing

@Suite("The sandbox keeps recipes away from the machine")
struct SandboxTests {
    func outcome(_ code: String) throws -> String {
        try withLuaState { state -> String in
            do {
                let r = try state.run(code, chunkName: "=s", sandboxed: true)
                return r.first.flatMap { $0.stringValue } ?? "ok"
            } catch let e as LuaError { return "error: " + e.message }
        }
    }

    @Test(arguments: [
        "return os.execute", "return io", "return debug", "return dofile", "return loadfile",
        "return os.exit", "return os.remove", "return string.dump", "return ('').dump", "return package",
    ])
    func unreachable(_ code: String) throws {
        #expect(try outcome(code + " == nil and 'absent' or 'present'") == "absent")
    }

    @Test func binaryChunksRefused() throws {
        #expect(try outcome("return load('\\27Lua', 'x', 'b')").contains("only text chunks"))
    }

    @Test func modulesAreReadOnly() throws {
        #expect(try outcome("t.echo = nil").contains("t is read-only"))
    }

    @Test func loadDefaultsToSandbox() throws {
        #expect(try outcome("return load('return os.execute == nil and \"sandboxed\"')()") == "sandboxed")
    }
}
