import LuaHost
import Testing

@Suite("Host errors are structured and catchable")
struct HostErrorTests {
    @Test("a remote error is a table with code, status and retryable, printable as its message")
    func structured() throws {
        let result = try withLuaState { state in
            try state.run(
                """
                local ok, err = pcall(function() t.fail("rm down") end)
                return ok, tostring(err), err.code, err.status, err.retryable, err.kind
                """, chunkName: "@r.lua", sandboxed: true)
        }
        #expect(
            result == [.boolean(false), .string("r.lua:1: rm down"), .string("Boom"), .integer(503), .boolean(true), .string("remote")])
    }

    @Test("an uncaught host error reaches Swift with file:line and a traceback")
    func uncaught() throws {
        let error = try withLuaState { state -> LuaError? in
            do {
                try state.run("local function f()\n  t.fail('nope')\nend\nf()", chunkName: "@recipes/a.lua", sandboxed: true); return nil
            } catch let e as LuaError { return e }
        }
        let e = try #require(error)
        #expect(e.message == "recipes/a.lua:2: nope")
        #expect(e.fields?["code"] == .string("Boom"))
        #expect(e.traceback?.contains("recipes/a.lua:4") == true)
    }

    @Test("a Lua error inside a callback called from Swift comes back without unwinding Swift")
    func callbackError() throws {
        let error = try withLuaState { state -> LuaError? in
            do {
                try state.run("t.apply(function(x) error('inner ' .. x) end, 'boom')", chunkName: "@cb.lua", sandboxed: true); return nil
            } catch let e as LuaError { return e }
        }
        #expect(error?.message.contains("callback failed: cb.lua:1: inner boom") == true)
    }

    @Test("syntax errors name file and line")
    func syntax() throws {
        let error = try withLuaState { state -> LuaError? in
            do { _ = try state.load("local x = \nfunction(", chunkName: "@recipes/bad.lua", sandboxed: true); return nil } catch let e
                as LuaError
            { return e }
        }
        #expect(error?.kind == .syntax)
        #expect(error?.location?.file == "recipes/bad.lua")
        #expect(error?.location?.line == 2)
    }
}
