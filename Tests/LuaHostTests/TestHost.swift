import LuaHost
import SparkDeployCore

/// Runs `body` with a fresh sandboxed state on a dedicated Lua thread, as the runtime does.
func withLuaState<T: Sendable>(
    memoryLimit: Int? = nil, modules: @escaping @Sendable () -> [HostModule] = { [echoModule()] },
    _ body: @escaping @Sendable (LuaState) throws -> T
) throws -> T {
    let result: Result<T, any Error> = LuaThread.runBlocking {
        do {
            let state = try LuaState(memoryLimit: memoryLimit)
            for module in modules() { state.register(module) }
            try Sandbox.install(in: state)
            return .success(try body(state))
        } catch {
            return .failure(error)
        }
    }
    return try result.get()
}

/// A small module exercising every parameter kind.
func echoModule() -> HostModule {
    let upper = HostFunction(
        FunctionSpec(
            module: "t", name: "upper", params: [ParamSpec("text", .string)],
            returns: "string", doc: "one value: the text in capitals"),
        value: { call in
            let text = try call.string(1)
            guard !text.isEmpty else { throw HostError(kind: .failed, message: "t.upper: empty text") }
            return .string(text.uppercased())
        })
    var upperList = upper.spec
    upperList.name = "upper_list"
    return HostModule(
        name: "t", doc: "test module",
        functions: [
            HostFunction(
                FunctionSpec(
                    module: "t", name: "echo", params: [ParamSpec("value", .any, optional: true)],
                    returns: "any", doc: "returns its argument")
            ) { call in [call.value(1)] },
            HostFunction(
                FunctionSpec(
                    module: "t", name: "kill",
                    params: [
                        ParamSpec("app", .oneOf([.table, .string])),
                        ParamSpec("opts", .record("KillOptions"), optional: true),
                    ],
                    returns: "boolean", doc: "pretends to kill")
            ) { call in
                let opts = try call.options(2)
                _ = try opts.duration("timeout")
                return [.boolean(true)]
            },
            HostFunction(
                FunctionSpec(
                    module: "t", name: "fail", params: [ParamSpec("message", .string)],
                    returns: "nil", doc: "raises a remote error")
            ) { call in
                throw HostError(kind: .remote, message: try call.string(1), code: "Boom", status: 503, retryable: true)
            },
            HostFunction(
                FunctionSpec(
                    module: "t", name: "apply", params: [ParamSpec("fn", .function), ParamSpec("x", .any)],
                    returns: "any", doc: "calls fn(x) from Swift")
            ) { call in
                do { return HostResults(try call.invoke(try call.function(1), [call.value(2)])) } catch let error as LuaError {
                    throw HostError(kind: .failed, message: "callback failed: \(error.message)")
                }
            },
            HostFunction(FunctionSpec(module: "t", name: "noop", doc: "does nothing")) { _ in [] },
            HostFunction(
                FunctionSpec(
                    module: "t", name: "spread", params: [ParamSpec("n", .integer)],
                    returns: "integer...", doc: "returns 1…n: literals up to three, an array beyond")
            ) { call in
                switch try call.integer(1) {
                case 0: return []
                case 1: return [.integer(1)]
                case 2: return [.integer(1), .nil]
                case 3: return [.integer(1), .integer(2), .integer(3)]
                case let n: return HostResults((1...max(n, 1)).map { LuaValue.integer($0) })
                }
            },
            upper,
            // The list form of `upper`, as module shortcuts wrap a function's body.
            HostFunction(upperList, body: upper.body),
        ],
        records: [
            RecordSpec("KillOptions", fields: [FieldSpec("timeout", .number), FieldSpec("diagnostics", .string)])
        ])
}
