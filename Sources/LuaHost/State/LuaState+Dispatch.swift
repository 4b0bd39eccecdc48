import CLuaShim

extension LuaState {
    /// Runs host function `entry` for the trampoline. Reads the arguments, checks them
    /// against the spec, runs the body, and pushes results or an error object; returns the
    /// count of results or an `SD_*` status. Raises nothing: C raises after this returns.
    ///
    /// The arguments live in a temporary buffer on this frame's stack, not on the heap: a
    /// call allocates nothing for them (an array cost more than the rest of the call).
    func dispatch(_ L: OpaquePointer, entry: HostEntry) -> Int32 {
        let count = Int(lua_gettop(L))
        return withUnsafeTemporaryAllocation(of: LuaValue.self, capacity: count) { buffer in
            var stack = LuaStack(L: L, state: self)
            var initialized = 0
            defer {
                // One by one: the bulk form goes through the runtime's generic array destroy.
                if let base = buffer.baseAddress { for offset in 0..<initialized { (base + offset).deinitialize(count: 1) } }
            }
            while initialized < count {
                do throws(LuaStack.ReadError) {
                    buffer.initializeElement(at: initialized, to: try stack.read(at: Int32(initialized + 1)))
                } catch {
                    release(stack.createdReferences, on: L)
                    return raiseMessage(L, "\(entry.spec.qualifiedName): argument #\(initialized + 1): \(error.message)")
                }
                initialized += 1
            }
            return run(entry, arguments: UnsafeBufferPointer(buffer), stack: stack, L: L)
        }
    }

    /// Checks the arguments read by ``dispatch(_:entry:)``, runs the body and pushes its results.
    @inline(__always)
    private func run(_ entry: HostEntry, arguments: UnsafeBufferPointer<LuaValue>, stack: LuaStack, L: OpaquePointer) -> Int32 {
        // Only calls that received functions can retain one.
        let retained = stack.createdReferences.isEmpty ? nil : HostCall.RetainList()
        defer {
            if let retained {
                release(stack.createdReferences.filter { !retained.references.contains($0) }, on: L)
            }
        }
        let call: HostCall
        do {
            call = try checkedCall(entry, arguments[...], L: L, retained: retained)
        } catch {
            return raise(L, error)
        }
        do {
            if entry.returnsOneValue { return push(one: try entry.valueBody(call), for: entry, on: stack) }
            return push(try entry.valuesBody(call), for: entry, on: stack)
        } catch let error as HostError {
            return raise(L, error)
        } catch let error as LuaError {
            return raise(L, HostError(kind: error.kind == .cancelled ? .cancelled : .failed, message: error.message))
        } catch {
            return raise(L, HostError(kind: .failed, message: "\(entry.spec.qualifiedName): \(error)"))
        }
    }

    /// Replaces the arguments on the stack with a body's results; returns their count, or the error status.
    private func push(_ results: consuming HostResults, for entry: HostEntry, on stack: LuaStack) -> Int32 {
        switch consume results {
        case .none:
            lua_settop(stack.L, 0)
            return 0
        case .one(let value):
            return push(one: value, for: entry, on: stack)
        case .two(let first, let second):
            guard stack.pushResult(first), stack.pushResult(second) else { return tooManyResults(entry, stack) }
            return 2
        case .many(let values):
            lua_settop(stack.L, 0)
            for value in values {
                guard stack.push(value) else { return tooManyResults(entry, stack) }
            }
            return Int32(values.count)
        }
    }

    /// Pushes one result (Lua returns the top `n` values: the arguments below them need not be popped).
    private func push(one value: consuming LuaValue, for entry: HostEntry, on stack: LuaStack) -> Int32 {
        guard stack.pushResult(value) else { return tooManyResults(entry, stack) }
        return 1
    }

    @inline(never)
    private func tooManyResults(_ entry: HostEntry, _ stack: LuaStack) -> Int32 {
        lua_settop(stack.L, 0)
        return raiseMessage(stack.L, "\(entry.spec.qualifiedName): too many results for the Lua stack")
    }

    /// Checks arity and types against `spec`, producing errors that name function and argument.
    @inline(__always)
    func checkedCall(
        _ entry: HostEntry, _ raw: Slice<UnsafeBufferPointer<LuaValue>>, L: OpaquePointer,
        retained: HostCall.RetainList?
    ) throws(HostError) -> HostCall {
        if raw.isEmpty, entry.isNullary {
            return HostCall(entry: entry, list: UnsafeBufferPointer(rebasing: raw), reboundSelf: nil, L: L, state: self, retained: retained)
        }
        var arguments = raw
        if let className = entry.methodClass {
            guard let first = arguments.first, case .object(let object) = first, object.className == className else {
                throw HostError(
                    kind: .argument,
                    message: "\(entry.spec.qualifiedName): called without a \(className) object "
                        + "(use obj:\(entry.spec.name)(…), not obj.\(entry.spec.name)(…))")
            }
            arguments.removeFirst()
        }
        let paramCount = entry.paramCount
        // Trailing nils are "absent", as in Lua.
        while arguments.count > paramCount, let last = arguments.last, last == .nil { arguments.removeLast() }
        if arguments.count > paramCount {
            throw HostError(
                kind: .argument,
                message:
                    "\(entry.spec.qualifiedName): expected at most \(paramCount) argument\(paramCount == 1 ? "" : "s"), got \(arguments.count)"
            )
        }
        for offset in 0..<paramCount {
            let check = entry.checks[offset]
            let position = arguments.startIndex + offset
            // Plain tags first, from the Lua stack: matching the values just written to the buffer copied each one
            // (and stalled on reading back what was just stored), a third of a call's time.
            let kind = offset < arguments.count ? QuickKind(L, stackIndex: Int32(position + 1)) : .nil
            let accepted: Bool
            switch (check.quick, kind) {
            case (_, .nil):
                if check.optional { continue }
                let param = entry.spec.params[offset]
                throw HostError.argument(
                    entry.spec.qualifiedName, index: offset + 1, name: param.name, expected: param.type.description,
                    got: offset < arguments.count ? "nil" : "no value")
            case (.any, _), (.string, .string), (.number, .number), (.number, .integer), (.integer, .integer),
                (.boolean, .boolean), (.table, .table), (.function, .function):
                accepted = true
            case (.integer, .number):
                accepted = arguments[position].integerValue != nil
            case (.detailed, _):
                try checkDetailed(entry.spec.params[offset], arguments[position], index: offset + 1, function: entry.spec.qualifiedName)
                accepted = true
            default:
                accepted = false
            }
            if !accepted {
                let param = entry.spec.params[offset]
                throw HostError.argument(
                    entry.spec.qualifiedName, index: offset + 1, name: param.name, expected: param.type.description,
                    got: arguments[position].typeName)
            }
        }
        return HostCall(
            entry: entry, list: UnsafeBufferPointer(rebasing: arguments), reboundSelf: nil, L: L, state: self, retained: retained)
    }

    /// The full check of a parameter whose type is an array, record, object or union.
    private func checkDetailed(_ param: ParamSpec, _ value: LuaValue, index: Int, function: String) throws(HostError) {
        guard param.type.accepts(value) else {
            throw HostError.argument(function, index: index, name: param.name, expected: param.type.description, got: value.typeName)
        }
        if case .record(let recordName) = param.type, let record = records[recordName], let table = value.tableValue {
            try check(table, against: record, function: function, index: index, name: param.name)
        }
    }

    private func check(_ table: LuaTable, against record: RecordSpec, function: String, index: Int, name: String) throws(HostError) {
        let known = Set(record.fields.map(\.name))
        if record.closed {
            for key in table.fields.keys.sorted() {
                guard case .string(let field) = key else {
                    throw .field(function, index: index, name: name, field: key.description, problem: "is not a field name")
                }
                if !known.contains(field) {
                    throw .field(
                        function, index: index, name: name, field: field,
                        problem: "is unknown (known: \(record.fields.map(\.name).joined(separator: ", ")))")
                }
            }
        }
        for field in record.fields {
            let value = table[field.name]
            if value == .nil {
                if field.optional { continue }
                throw .field(function, index: index, name: name, field: field.name, problem: "is required (\(field.type))")
            }
            if !field.type.accepts(value) {
                throw .field(
                    function, index: index, name: name, field: field.name,
                    problem: "expected \(field.type), got \(value.typeName)")
            }
        }
    }

    /// Pushes the error for `error` and returns the status that makes the trampoline raise it.
    func raise(_ L: OpaquePointer, _ error: HostError) -> Int32 {
        lua_settop(L, 0)
        switch error.kind {
        case .cancelled:
            // The host call saw the cancellation before the canceller flagged this state (the
            // token's observers run after its waiters wake): flag it here, so the error carries
            // its reason and stays sticky. A state already cancelled keeps its first message.
            error.message.withCString { sd_request_cancel(L, $0) }
            return SD_CANCELLED
        case .argument:
            return raiseMessage(L, error.message)
        default:
            let stack = LuaStack(L: L, state: self)
            luaL_where(L, 1)
            let location = stack.readString(at: -1).stringValue ?? ""
            sd_pop(L, 1)
            var fields = error.details
            fields["message"] = .string(location + error.message)
            fields["kind"] = .string(error.kind.rawValue)
            fields["code"] = .optional(error.code)
            fields["status"] = .optional(error.status.map(Int64.init))
            fields["retryable"] = .boolean(error.retryable)
            stack.push(.table(LuaTable(fields: fields)))
            _ = lua_getfield(L, sd_registryindex(), LuaState.errorMetatableKey)
            _ = lua_setmetatable(L, -2)
            return SD_RAISE
        }
    }

    /// Pushes `message` and returns the status that makes the trampoline prefix file:line and raise.
    func raiseMessage(_ L: OpaquePointer, _ message: String) -> Int32 {
        lua_settop(L, 0)
        LuaStack(L: L, state: self).push(.string(message))
        return SD_RAISE_WHERE
    }

    func release(_ references: [Int32], on L: OpaquePointer) {
        for reference in references { luaL_unref(L, sd_registryindex(), reference) }
    }

    /// Releases a function reference kept with ``HostCall/retain(_:)``.
    public func release(_ function: LuaFunctionRef) {
        checkThread()
        guard function.stateID == id else { return }
        luaL_unref(L, sd_registryindex(), function.reference)
    }
}

/// A value's type as a plain tag, in the terms of ``HostEntry/QuickType``.
private enum QuickKind: UInt8 {
    case `nil`, boolean, integer, number, string, table, function, other

    /// The tag of the value at `stackIndex` (what ``LuaStack/read(at:depth:)`` made of it).
    init(_ L: OpaquePointer, stackIndex: Int32) {
        switch lua_type(L, stackIndex) {
        case LUA_TNIL, LUA_TNONE: self = .nil
        case LUA_TBOOLEAN: self = .boolean
        case LUA_TNUMBER: self = sd_isinteger(L, stackIndex) != 0 ? .integer : .number
        case LUA_TSTRING: self = .string
        case LUA_TTABLE: self = .table
        case LUA_TFUNCTION: self = .function
        default: self = .other
        }
    }
}
