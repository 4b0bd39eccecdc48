import LuaHost
import Testing

@Suite("Wrong arguments name the function and the argument")
struct ArgumentErrorTests {
    func error(_ code: String) throws -> LuaError? {
        try withLuaState { state -> LuaError? in
            do { try state.run(code, chunkName: "@recipes/x.lua", sandboxed: true); return nil } catch let e as LuaError { return e }
        }
    }

    @Test func missingArgument() throws {
        let e = try #require(try error("t.kill()"))
        #expect(e.message == "recipes/x.lua:1: t.kill: argument #1 (app) expected table or string, got no value")
        #expect(e.location?.file == "recipes/x.lua")
        #expect(e.location?.line == 1)
    }

    @Test func wrongType() throws {
        let e = try #require(try error("\n\nt.kill(42)"))
        #expect(e.message == "recipes/x.lua:3: t.kill: argument #1 (app) expected table or string, got number")
    }

    @Test func unknownOptionField() throws {
        let e = try #require(try error("t.kill('a', {timout = 3})"))
        #expect(e.message.contains("t.kill: argument #2 (opts) field 'timout' is unknown (known: timeout, diagnostics)"))
    }

    @Test func wrongOptionFieldType() throws {
        let e = try #require(try error("t.kill('a', {timeout = 'soon'})"))
        #expect(e.message.contains("field 'timeout' expected number, got string"))
    }

    @Test func tooManyArguments() throws {
        let e = try #require(try error("t.noop(1, 2)"))
        #expect(e.message.contains("t.noop: expected at most 0 arguments, got 2"))
    }

    @Test("every registered function, called with every wrong type, raises a named error")
    func exhaustive() throws {
        let failures = try withLuaState { state -> [String] in
            var failures: [String] = []
            for function in echoModule().functions {
                let spec = function.spec
                for (index, param) in spec.params.enumerated() where param.type != .any {
                    for wrong in ["42", "true", "'s'", "{}", "function() end"] {
                        var args = spec.params.map { $0.type == .function ? "function(...) return ... end" : "'x'" }
                        args[index] = wrong
                        let code = "return \(spec.qualifiedName)(\(args.joined(separator: ", ")))"
                        do { try state.run(code, chunkName: "=gen", sandboxed: true) } catch let error as LuaError {
                            if error.kind == .runtime, error.message.contains(spec.qualifiedName) || error.fields != nil { continue }
                            failures.append("\(code): \(error.message)")
                        }
                    }
                }
            }
            return failures
        }
        #expect(failures.isEmpty, "\(failures)")
    }
}
