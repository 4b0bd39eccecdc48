import LuaHost

/// Lua patterns (`string.find`), evaluated by Lua itself so that a param's `pattern` means
/// exactly what it means in a recipe. Each call uses a small state of its own on a Lua thread.
enum LuaPatterns {
    /// Why Lua rejects `pattern` (e.g. "malformed pattern (ends with '%')"), or nil if it is valid.
    static func problem(with pattern: String) -> String? {
        switch evaluate(#"local ok, err = pcall(string.find, "", ...); return ok or err"#, [.string(pattern)]) {
        case .success(.boolean(true)): return nil
        case .success(let value): return value.stringValue ?? "not a valid Lua pattern"
        case .failure(let error): return error.message
        }
    }

    /// Whether `subject` matches at least one of `patterns`; a failure carries Lua's message.
    static func matchesAny(_ subject: String, _ patterns: [String]) -> Result<Bool, LuaError> {
        let script = """
            local subject = ...
            for i = 2, select("#", ...) do
              if string.find(subject, (select(i, ...))) then return true end
            end
            return false
            """
        return evaluate(script, [.string(subject)] + patterns.map(LuaValue.string)).map { $0 == .boolean(true) }
    }

    private static func evaluate(_ script: String, _ arguments: [LuaValue]) -> Result<LuaValue, LuaError> {
        LuaThread.runBlocking(name: "sparkdeploy.pattern") {
            do {
                let state = try LuaState(memoryLimit: 64 << 20)
                return .success(try state.run(script, chunkName: "=pattern", arguments: arguments).first ?? .nil)
            } catch {
                return .failure(LuaError.wrap(error))
            }
        }
    }
}
