import DeployModules
import DeployRuntime
import LuaHost
import SparkDeployCore
import Testing

/// Every function the CLI registers (globals, log, json, yarn, emr, RM methods), called with
/// every wrong type for every parameter and with too many arguments: each call must raise a
/// Lua error naming the function and the argument — never crash, never succeed silently.
@Suite("Wrong arguments to every registered function")
struct RegistryArgumentTests {
    static let providers: [any ModuleProvider] = [YARNModuleProvider(), EMRModuleProvider()]

    /// Lua source for a value that `type` does not accept.
    static func wrongValues(for type: LuaType) -> [String] {
        let candidates: [(String, LuaValue)] = [
            ("42", .integer(42)), ("1.5", .number(1.5)), ("true", .boolean(true)), ("'text'", .string("text")),
            ("{}", .table(LuaTable())), ("{1, 2}", .array([.integer(1), .integer(2)])), ("function() end", .nil),
        ]
        return candidates.filter { source, value in
            if source.hasPrefix("function") { return !Self.acceptsFunction(type) }
            return !type.accepts(value)
        }.map(\.0)
    }

    static func acceptsFunction(_ type: LuaType) -> Bool {
        switch type {
        case .any, .function: return true
        case .oneOf(let types): return types.contains(where: acceptsFunction)
        default: return false
        }
    }

    /// A value `type` accepts, as Lua source.
    static func goodValue(for type: LuaType) -> String {
        switch type {
        case .any, .string: return "'x'"
        case .number: return "1.5"
        case .integer: return "1"
        case .boolean: return "true"
        case .table, .record: return "{}"
        case .array: return "{}"
        case .function: return "function() end"
        case .object: return "nil"
        case .oneOf(let types): return types.first.map(goodValue) ?? "nil"
        }
    }

    @Test("each wrong type, for each parameter, is refused with function and argument named")
    func exhaustive() throws {
        let outcome: (calls: Int, failures: [String]) = LuaThread.runBlocking {
            let modules = RecipeRunner.modules(context: nil, providers: Self.providers)
            var calls = 0
            var failures: [String] = []
            guard let state = try? LuaState(memoryLimit: 64 << 20) else { return (0, ["no state"]) }
            for module in modules { state.register(module) }
            guard (try? Sandbox.install(in: state)) != nil else { return (0, ["no sandbox"]) }
            for module in modules where !module.name.hasPrefix("__") {
                for function in module.functions where function.body != nil {
                    let spec = function.spec
                    guard case .function = spec.style else { continue }
                    let callee = spec.module == "_G" ? spec.name : "\(spec.module).\(spec.name)"
                    var cases: [(String, String)] = []
                    for (index, param) in spec.params.enumerated() {
                        for wrong in Self.wrongValues(for: param.type) {
                            var args = spec.params.map { Self.goodValue(for: $0.type) }
                            args[index] = wrong
                            cases.append(("\(callee)(\(args.joined(separator: ", ")))", "argument #\(index + 1) (\(param.name))"))
                        }
                        if !param.optional {
                            let args = spec.params.prefix(index).map { Self.goodValue(for: $0.type) }
                            cases.append(("\(callee)(\(args.joined(separator: ", ")))", "argument #\(index + 1) (\(param.name))"))
                        }
                    }
                    let tooMany = (spec.params.map { Self.goodValue(for: $0.type) } + ["'extra'"]).joined(separator: ", ")
                    cases.append(("\(callee)(\(tooMany))", "expected at most"))
                    for (code, expected) in cases {
                        calls += 1
                        do {
                            _ = try state.run(code, chunkName: "@recipes/generated.lua", sandboxed: true)
                            failures.append("\(code): no error")
                        } catch {
                            let message = LuaError.wrap(error).message
                            if !(message.contains(spec.qualifiedName) && message.contains(expected)
                                && message.hasPrefix("recipes/generated.lua:1:"))
                            {
                                failures.append("\(code): \(message)")
                            }
                        }
                    }
                }
            }
            return (calls, failures)
        }
        #expect(outcome.calls > 300, "generated \(outcome.calls) calls")
        #expect(outcome.failures.isEmpty, "\(outcome.failures.prefix(20).joined(separator: "\n"))")
    }

    @Test("an explicit nil argument is reported as nil, with the caller's file:line")
    func methodWithoutSelf() throws {
        let message: String = LuaThread.runBlocking {
            let modules = RecipeRunner.modules(context: nil, providers: Self.providers)
            guard let state = try? LuaState() else { return "" }
            for module in modules { state.register(module) }
            guard (try? Sandbox.install(in: state)) != nil else { return "" }
            do {
                _ = try state.run("return yarn.kill(nil)", chunkName: "@r.lua", sandboxed: true)
            } catch { return LuaError.wrap(error).message }
            return ""
        }
        #expect(message == "r.lua:1: yarn.kill: argument #1 (app) expected table or string, got nil")
    }
}
