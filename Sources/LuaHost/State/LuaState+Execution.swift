import CLuaShim

extension LuaState {
    /// Compiles `source` as a text chunk named `chunkName` (use `@path` so errors say
    /// `path:LINE:`) and returns it as a function, with the real globals as its `_ENV`.
    public func load(_ source: String, chunkName: String) throws(LuaError) -> LuaFunctionRef {
        checkThread()
        return try uncapped { () throws(LuaError) -> LuaFunctionRef in
            let top = lua_gettop(L)
            defer { lua_settop(L, top) }
            var bytes = Array(source.utf8)
            if bytes.isEmpty { bytes = [0x20] }
            let status = bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    sd_loadbuffer(L, chars.baseAddress, chars.count, chunkName, "t")
                }
            }
            guard status == LUA_OK else {
                var stack = LuaStack(L: L, state: self)
                let message = (try? stack.read(at: -1))?.stringValue ?? "could not load \(chunkName)"
                throw LuaError(kind: status == LUA_ERRMEM ? .memory : .syntax, message: message)
            }
            lua_pushvalue(L, -1)
            let ref = luaL_ref(L, sd_registryindex())
            return LuaFunctionRef(reference: ref, stateID: id)
        }
    }

    /// Calls `function` with `arguments`, protected, with a traceback handler.
    public func call(_ function: LuaFunctionRef, _ arguments: [LuaValue] = []) throws(LuaError) -> [LuaValue] {
        checkThread()
        return try call(function, arguments, on: L)
    }

    /// Calls on a given Lua thread (the running coroutine when called from a host function).
    func call(_ function: LuaFunctionRef, _ arguments: [LuaValue], on L: OpaquePointer) throws(LuaError) -> [LuaValue] {
        guard function.stateID == id else {
            throw LuaError(kind: .host, message: "a Lua function was called on a state it does not belong to")
        }
        let top = lua_gettop(L)
        defer { uncapped { lua_settop(L, top) } }
        var stack = LuaStack(L: L, state: self)
        let pushed = uncapped { () -> Bool in
            guard lua_checkstack(L, Int32(arguments.count) + 4) != 0 else { return false }
            _ = lua_rawgeti(L, sd_registryindex(), lua_Integer(function.reference))
            for argument in arguments where !stack.push(argument) { return false }
            return true
        }
        guard pushed else { throw LuaError(kind: .memory, message: "Lua stack overflow while passing arguments") }
        sd_memory_reset_exceeded(L)
        let status = sd_pcall(L, Int32(arguments.count), LUA_MULTRET)
        if status != LUA_OK {
            throw uncapped { errorFromStack(L, status: status) }
        }
        return uncapped { () -> [LuaValue] in
            var results: [LuaValue] = []
            let count = lua_gettop(L)
            var index = top + 1
            while index <= count {
                results.append((try? stack.read(at: index)) ?? .nil)
                index += 1
            }
            // Results are copies; function results stay referenced until the state closes.
            return results
        }
    }

    /// Loads and runs a chunk in one go; returns its results.
    @discardableResult
    public func run(_ source: String, chunkName: String, arguments: [LuaValue] = []) throws(LuaError) -> [LuaValue] {
        let function = try load(source, chunkName: chunkName)
        defer { release(function) }
        return try call(function, arguments)
    }

    /// Turns the error object on top of the stack into a ``LuaError``.
    private func errorFromStack(_ L: OpaquePointer, status: Int32) -> LuaError {
        var stack = LuaStack(L: L, state: self)
        let object = (try? stack.read(at: -1)) ?? .nil
        sd_push_last_traceback(L)
        let traceback = stack.readString(at: -1).stringValue.flatMap { lua_type(L, -1) == LUA_TSTRING ? $0 : nil }
        sd_pop(L, 1)
        let cancelled = sd_is_cancelled(L) != 0
        if status == LUA_ERRMEM || sd_memory_exceeded(L) != 0 && memoryLimit > 0 && object.stringValue == "not enough memory" {
            let mib = memoryLimit >> 20
            return LuaError(
                kind: .memory, message: memoryLimit > 0 ? "memory limit of \(mib) MiB exceeded" : "not enough memory",
                traceback: traceback)
        }
        switch object {
        case .table, .object:
            let table = object.tableValue ?? LuaTable()
            let message = table["message"].stringValue ?? "error object is a table without a message"
            let kind: LuaError.Kind = table["kind"].stringValue == "cancelled" || cancelled ? .cancelled : .runtime
            return LuaError(kind: kind, message: message, traceback: traceback, fields: table)
        default:
            let message = object.stringValue ?? "(error object is a \(object.typeName) value)"
            return LuaError(kind: cancelled ? .cancelled : .runtime, message: message, traceback: traceback)
        }
    }
}
