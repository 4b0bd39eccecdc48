import CLuaShim

/// Reads and pushes ``LuaValue``s on one Lua thread's stack without ever raising.
///
/// Callers hold the memory cap lifted (the trampoline does it for host calls; ``LuaState``
/// does it for its own pushes), use only raw table access (no metamethods run), and check
/// stack space before pushing.
struct LuaStack {
    let L: OpaquePointer
    /// Unretained: a stack view lives inside one call on the state it reads.
    unowned(unsafe) let state: LuaState
    /// Registry references created while reading (functions); released after the call unless retained.
    var createdReferences: [Int32] = []

    static let maxDepth = 64

    /// Why a value could not be read.
    struct ReadError: Error { var message: String }

    mutating func read(at index: Int32, depth: Int = 0) throws(ReadError) -> LuaValue {
        let index = index > 0 ? index : lua_absindex(L, index)  // positive indices are already absolute
        switch lua_type(L, index) {
        case LUA_TNIL, LUA_TNONE:
            return .nil
        case LUA_TBOOLEAN:
            return .boolean(lua_toboolean(L, index) != 0)
        case LUA_TNUMBER:
            if sd_isinteger(L, index) != 0 { return .integer(sd_tointegerx(L, index, nil)) }
            return .number(sd_tonumberx(L, index, nil))
        case LUA_TSTRING:
            return readString(at: index)
        case LUA_TTABLE:
            return try readTable(at: index, depth: depth)
        case LUA_TFUNCTION:
            guard lua_checkstack(L, 1) != 0 else { throw ReadError(message: "Lua stack exhausted") }
            lua_pushvalue(L, index)
            let ref = luaL_ref(L, sd_registryindex())
            createdReferences.append(ref)
            return .function(LuaFunctionRef(reference: ref, stateID: state.id))
        default:
            return .opaque(typeName: String(cString: lua_typename(L, lua_type(L, index))))
        }
    }

    func readString(at index: Int32) -> LuaValue {
        var length = 0
        guard let pointer = sd_tolstring(L, index, &length) else { return .string("") }
        let buffer = UnsafeRawBufferPointer(start: pointer, count: length)
        if let text = String(validating: buffer, as: UTF8.self) { return .string(text) }
        return .bytes(Array(buffer))
    }

    private mutating func readTable(at index: Int32, depth: Int) throws(ReadError) -> LuaValue {
        guard depth < Self.maxDepth else {
            throw ReadError(message: "table nesting deeper than \(Self.maxDepth) levels (is it cyclic?)")
        }
        guard lua_checkstack(L, 4) != 0 else { throw ReadError(message: "Lua stack exhausted") }
        let className = classNameOfTable(at: index)
        var sequenceCandidates: [Int64: LuaValue] = [:]
        var fields: [LuaKey: LuaValue] = [:]
        lua_pushnil(L)
        while lua_next(L, index) != 0 {
            // key at -2, value at -1
            let key: LuaKey?
            switch lua_type(L, -2) {
            case LUA_TSTRING:
                if case .string(let s) = readString(at: -2) { key = .string(s) } else { key = nil }
            case LUA_TNUMBER:
                if sd_isinteger(L, -2) != 0 { key = .integer(sd_tointegerx(L, -2, nil)) } else { key = .number(sd_tonumberx(L, -2, nil)) }
            case LUA_TBOOLEAN:
                key = .boolean(lua_toboolean(L, -2) != 0)
            default:
                key = nil  // tables/functions as keys have no Swift form; skipped
            }
            let value: LuaValue
            do { value = try read(at: -1, depth: depth + 1) } catch {
                sd_pop(L, 2)
                throw error
            }
            sd_pop(L, 1)
            guard let key else { continue }
            if case .integer(let i) = key, i >= 1 { sequenceCandidates[i] = value } else { fields[key] = value }
        }
        var sequence: [LuaValue] = []
        var next: Int64 = 1
        while let value = sequenceCandidates.removeValue(forKey: next) {
            sequence.append(value)
            next += 1
        }
        for (i, value) in sequenceCandidates { fields[.integer(i)] = value }
        if let className, classNameIsRegistered(className) {
            var plain = fields
            let handle = plain.removeValue(forKey: .string("__handle"))?.integerValue ?? -1
            return .object(LuaObject(className: className, handle: Int(handle), fields: LuaTable(sequence: sequence, fields: plain)))
        }
        return .table(LuaTable(sequence: sequence, fields: fields))
    }

    private func classNameIsRegistered(_ name: String) -> Bool { state.classes.contains(name) }

    /// The `__name` of the table's metatable, read raw.
    private func classNameOfTable(at index: Int32) -> String? {
        guard lua_getmetatable(L, index) != 0 else { return nil }
        lua_pushstring(L, "__name")
        _ = lua_rawget(L, -2)
        defer { sd_pop(L, 2) }
        guard lua_type(L, -1) == LUA_TSTRING, case .string(let s) = readString(at: -1) else { return nil }
        return s
    }

    /// Pushes one of a host call's first two results: a plain value without asking for stack
    /// space, as Lua gives a C function `LUA_MINSTACK` (20) free slots; tables as ``push(_:)`` does.
    @inline(__always)
    func pushResult(_ value: LuaValue) -> Bool {
        switch value {
        case .nil: lua_pushnil(L)
        case .boolean(let b): lua_pushboolean(L, b ? 1 : 0)
        case .integer(let i): lua_pushinteger(L, i)
        case .number(let d): lua_pushnumber(L, d)
        default: return push(value)
        }
        return true
    }

    /// Pushes `value`; returns false when the Lua stack cannot grow (nothing is left pushed then).
    @discardableResult
    func push(_ value: LuaValue) -> Bool {
        guard lua_checkstack(L, 3) != 0 else { return false }
        switch value {
        case .nil, .opaque:
            lua_pushnil(L)
        case .boolean(let b):
            lua_pushboolean(L, b ? 1 : 0)
        case .integer(let i):
            lua_pushinteger(L, i)
        case .number(let d):
            lua_pushnumber(L, d)
        case .string(let s):
            var copy = s
            copy.withUTF8 { buffer in
                _ = buffer.withMemoryRebound(to: CChar.self) { lua_pushlstring(L, $0.baseAddress, $0.count) }
            }
        case .bytes(let b):
            b.withUnsafeBufferPointer { buffer in
                _ = buffer.withMemoryRebound(to: CChar.self) { lua_pushlstring(L, $0.baseAddress, $0.count) }
            }
        case .table(let table):
            return pushTable(table, className: nil, handle: nil)
        case .object(let object):
            return pushTable(object.fields, className: object.className, handle: object.handle)
        case .function(let ref):
            guard ref.stateID == state.id else {
                lua_pushnil(L)
                return true
            }
            _ = lua_rawgeti(L, sd_registryindex(), lua_Integer(ref.reference))
        }
        return true
    }

    private func pushTable(_ table: LuaTable, className: String?, handle: Int?) -> Bool {
        lua_createtable(L, Int32(clamping: table.sequence.count), Int32(clamping: table.fields.count + (handle == nil ? 0 : 1)))
        for (offset, element) in table.sequence.enumerated() {
            guard push(element) else { sd_pop(L, 1); return false }
            lua_rawseti(L, -2, lua_Integer(offset + 1))
        }
        for (key, element) in table.fields {
            guard push(key.value) else { sd_pop(L, 1); return false }
            guard push(element) else { sd_pop(L, 2); return false }
            lua_rawset(L, -3)
        }
        if let className, let handle {
            lua_pushinteger(L, lua_Integer(handle))
            lua_setfield(L, -2, "__handle")
            _ = lua_getfield(L, sd_registryindex(), LuaState.classKey(className))
            _ = lua_setmetatable(L, -2)
        }
        return true
    }
}
