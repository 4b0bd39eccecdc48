import CLuaShim

/// One call of a host function: its checked arguments and what the body may do with the state.
///
/// Valid only while the body runs: the arguments are read in place from the dispatcher's
/// stack frame. Copy out what must outlive the call (``arguments`` is such a copy).
public struct HostCall {
    // Unretained, as the state itself is in the Lua state's extra space: a call never outlives
    // the state that dispatches it, and the state keeps its entries for as long as it lives.
    unowned(unsafe) let entry: HostEntry
    /// The function's signature.
    public var spec: FunctionSpec { entry.spec }
    /// The arguments, 1-based through ``value(_:)`` (for methods, not counting `self`).
    public var arguments: [LuaValue] { Array(list) }
    /// The arguments in place (see the type's note on lifetime); for methods, `self` is the slot before them.
    let list: UnsafeBufferPointer<LuaValue>
    /// `self` of a call rebound to another object (``rebound(selfObject:)``); nil for a plain call.
    let reboundSelf: ReboundSelf?
    let L: OpaquePointer
    unowned(unsafe) let state: LuaState
    let retained: RetainList?

    final class RetainList { var references: Set<Int32> = [] }

    /// `self` for a call rebound by a module-level shortcut (boxed: a call stays small, and
    /// small is what makes a host call cheap).
    final class ReboundSelf {
        let object: LuaObject
        init(_ object: LuaObject) { self.object = object }
    }

    /// `self` for method calls (nil for plain functions).
    public var selfObject: LuaObject? {
        if let reboundSelf { return reboundSelf.object }
        // A method's `self` was checked to be an object of its class before the call was made.
        guard entry.methodClass != nil, let base = list.baseAddress, case .object(let object) = (base - 1).pointee else {
            return nil
        }
        return object
    }

    /// Argument `index` (1-based), `.nil` when absent.
    public func value(_ index: Int) -> LuaValue {
        index >= 1 && index <= list.count ? list[index - 1] : .nil
    }

    /// The parameter name for argument `index`.
    func name(_ index: Int) -> String {
        index >= 1 && index <= spec.params.count ? spec.params[index - 1].name : "arg\(index)"
    }

    private func mismatch(_ index: Int, _ expected: String) -> HostError {
        let got = value(index) == .nil && index > list.count ? "no value" : value(index).typeName
        return .argument(spec.qualifiedName, index: index, name: name(index), expected: expected, got: got)
    }

    /// Argument `index` as a string.
    public func string(_ index: Int) throws(HostError) -> String {
        guard let s = value(index).stringValue else { throw mismatch(index, "string") }
        return s
    }

    /// Argument `index` as a string, or nil when absent.
    public func optionalString(_ index: Int) throws(HostError) -> String? {
        value(index) == .nil ? nil : try string(index)
    }

    /// Argument `index` as a number.
    public func number(_ index: Int) throws(HostError) -> Double {
        guard let d = value(index).doubleValue else { throw mismatch(index, "number") }
        return d
    }

    /// Argument `index` as a number, or nil when absent.
    public func optionalNumber(_ index: Int) throws(HostError) -> Double? {
        value(index) == .nil ? nil : try number(index)
    }

    /// Argument `index` as a duration or count: a finite number >= 0 (NaN, infinities and negatives are
    /// refused here, naming the function and argument, before any code converts or waits on them).
    public func duration(_ index: Int) throws(HostError) -> Double {
        let d = try number(index)
        guard d >= 0, d.isFinite else {
            throw .argument(spec.qualifiedName, index: index, name: name(index), expected: "a finite number >= 0", got: "\(d)")
        }
        return d
    }

    /// Argument `index` as an integer.
    public func integer(_ index: Int) throws(HostError) -> Int64 {
        guard let i = value(index).integerValue else { throw mismatch(index, "integer") }
        return i
    }

    /// Argument `index` as a table.
    public func table(_ index: Int) throws(HostError) -> LuaTable {
        guard let t = value(index).tableValue else { throw mismatch(index, "table") }
        return t
    }

    /// Argument `index` as an options table (empty when absent).
    public func options(_ index: Int) throws(HostError) -> HostOptions {
        let v = value(index)
        if v == .nil { return HostOptions(call: self, index: index, table: LuaTable()) }
        guard let t = v.tableValue else { throw mismatch(index, "table") }
        return HostOptions(call: self, index: index, table: t)
    }

    /// Argument `index` as a function.
    public func function(_ index: Int) throws(HostError) -> LuaFunctionRef {
        guard case .function(let f) = value(index) else { throw mismatch(index, "function") }
        return f
    }

    /// Keeps `function` alive after this call returns (by default, function arguments are
    /// released when the call ends). Release it with ``LuaState/release(_:)``.
    public func retain(_ function: LuaFunctionRef) {
        retained?.references.insert(function.reference)
    }

    /// Calls a Lua function from inside this host call, protected. Errors come back as
    /// ``LuaError`` (nothing unwinds through Swift); rethrow them as a ``HostError`` to propagate.
    public func invoke(_ function: LuaFunctionRef, _ arguments: [LuaValue]) throws(LuaError) -> [LuaValue] {
        try state.call(function, arguments, on: L)
    }

    /// Where the calling Lua code is, as `recipes/x.lua:12:` (empty when unknown).
    public var callerLocation: String {
        state.uncapped {
            luaL_where(L, 1)
            defer { sd_pop(L, 1) }
            return LuaStack(L: L, state: state).readString(at: -1).stringValue ?? ""
        }
    }
}

/// Typed, checked access to an options-table argument; errors name the function, argument and field.
public struct HostOptions {
    let call: HostCall
    let index: Int
    /// The raw table.
    public let table: LuaTable

    private func problem(_ field: String, _ expected: String, _ got: LuaValue) -> HostError {
        .field(
            call.spec.qualifiedName, index: index, name: call.name(index), field: field,
            problem: "expected \(expected), got \(got.typeName)")
    }

    /// Whether `field` is present.
    public func has(_ field: String) -> Bool { table[field] != .nil }

    /// A string field.
    public func string(_ field: String) throws(HostError) -> String? {
        let v = table[field]
        if v == .nil { return nil }
        guard let s = v.stringValue else { throw problem(field, "string", v) }
        return s
    }

    /// A number field.
    public func number(_ field: String) throws(HostError) -> Double? {
        let v = table[field]
        if v == .nil { return nil }
        guard let d = v.doubleValue else { throw problem(field, "number", v) }
        return d
    }

    /// A non-negative number field (durations, counts).
    public func duration(_ field: String) throws(HostError) -> Double? {
        guard let d = try number(field) else { return nil }
        guard d >= 0, d.isFinite else {
            throw .field(
                call.spec.qualifiedName, index: index, name: call.name(index), field: field,
                problem: "must be a finite number >= 0, got \(d)")
        }
        return d
    }

    /// An integer field.
    public func integer(_ field: String) throws(HostError) -> Int64? {
        let v = table[field]
        if v == .nil { return nil }
        guard let i = v.integerValue else { throw problem(field, "integer", v) }
        return i
    }

    /// A boolean field.
    public func boolean(_ field: String) throws(HostError) -> Bool? {
        let v = table[field]
        if v == .nil { return nil }
        guard case .boolean(let b) = v else { throw problem(field, "boolean", v) }
        return b
    }

    /// A field that is a string or an array of strings (`states = "RUNNING"` or `{"RUNNING"}`).
    public func strings(_ field: String) throws(HostError) -> [String]? {
        let v = table[field]
        if v == .nil { return nil }
        if let s = v.stringValue { return [s] }
        guard case .table(let t) = v, t.fields.isEmpty else { throw problem(field, "string or string[]", v) }
        var out: [String] = []
        for element in t.sequence {
            guard let s = element.stringValue else { throw problem(field, "string[]", v) }
            out.append(s)
        }
        return out
    }

    /// A table field.
    public func table(_ field: String) throws(HostError) -> LuaTable? {
        let v = table[field]
        if v == .nil { return nil }
        guard let t = v.tableValue else { throw problem(field, "table", v) }
        return t
    }

    /// A function field.
    public func function(_ field: String) throws(HostError) -> LuaFunctionRef? {
        let v = table[field]
        if v == .nil { return nil }
        guard case .function(let f) = v else { throw problem(field, "function", v) }
        return f
    }
}

extension HostCall {
    /// The same call with another `self` (module-level shortcuts of methods).
    public func rebound(selfObject: LuaObject) -> HostCall {
        HostCall(entry: entry, list: list, reboundSelf: ReboundSelf(selfObject), L: L, state: state, retained: retained)
    }
}

extension HostOptions {
    /// Typed access to a table that was not declared as a record parameter (errors still name
    /// the function and argument).
    public static func unchecked(_ table: LuaTable, call: HostCall, index: Int) -> HostOptions {
        HostOptions(call: call, index: index, table: table)
    }
}
