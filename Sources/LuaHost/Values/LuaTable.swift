import Foundation

/// A key of a Lua table as Swift sees it.
public enum LuaKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// A string key.
    case string(String)
    /// An integer key outside the table's sequence part.
    case integer(Int64)
    /// A float key (stored by bit pattern so that it is hashable).
    case number(Double)
    /// A boolean key.
    case boolean(Bool)

    /// Orders integers, then numbers, then booleans (false first), then strings, each kind by value: stable
    /// output, and integer keys in numeric order (`-10` before `-5`), which a zero-padded text key got wrong.
    public static func < (lhs: LuaKey, rhs: LuaKey) -> Bool {
        switch (lhs, rhs) {
        case (.integer(let a), .integer(let b)): return a < b
        case (.number(let a), .number(let b)): return a < b
        case (.boolean(let a), .boolean(let b)): return !a && b
        case (.string(let a), .string(let b)): return a < b
        default: return lhs.kindRank < rhs.kindRank
        }
    }

    private var kindRank: Int {
        switch self {
        case .integer: return 0
        case .number: return 1
        case .boolean: return 2
        case .string: return 3
        }
    }

    /// As Lua code would write the key.
    public var description: String {
        switch self {
        case .string(let s): return s
        case .integer(let i): return "[\(i)]"
        case .number(let d): return "[\(d)]"
        case .boolean(let b): return "[\(b)]"
        }
    }

    /// The key as a value.
    public var value: LuaValue {
        switch self {
        case .string(let s): return .string(s)
        case .integer(let i): return .integer(i)
        case .number(let d): return .number(d)
        case .boolean(let b): return .boolean(b)
        }
    }
}

/// A Lua table: a sequence part `t[1..n]` and the other fields.
public struct LuaTable: Sendable, Equatable {
    /// `t[1]`, `t[2]`, … up to the first nil.
    public var sequence: [LuaValue]
    /// Every other key.
    public var fields: [LuaKey: LuaValue]

    /// Creates a table.
    public init(sequence: [LuaValue] = [], fields: [LuaKey: LuaValue] = [:]) {
        self.sequence = sequence
        self.fields = fields
    }

    /// Creates a map table from string keys; `.nil` values are left out.
    public init(fields: [String: LuaValue]) {
        self.sequence = []
        var out: [LuaKey: LuaValue] = [:]
        for (k, v) in fields where v != .nil { out[.string(k)] = v }
        self.fields = out
    }

    /// The field named `key` (or `.nil`).
    public subscript(key: String) -> LuaValue {
        get { fields[.string(key)] ?? .nil }
        set { fields[.string(key)] = newValue == .nil ? nil : newValue }
    }

    /// Whether the table has only a sequence part (a Lua "array"); an empty table is both.
    public var isArray: Bool { fields.isEmpty }

    /// The string keys, sorted.
    public var stringKeys: [String] {
        fields.keys.compactMap { if case .string(let s) = $0 { return s } else { return nil } }.sorted()
    }
}

/// A Lua function kept alive in the registry of the state it came from.
public struct LuaFunctionRef: Sendable, Hashable {
    /// The registry reference (`luaL_ref`).
    public let reference: Int32
    /// Which state it belongs to (a function can only be called on its own state).
    public let stateID: UInt64
}

/// A host object as Lua sees it: a table with a class metatable (methods) and a handle.
public struct LuaObject: Sendable, Equatable {
    /// The registered class, e.g. `"RM"`.
    public var className: String
    /// The host's handle for the Swift object behind it.
    public var handle: Int
    /// Plain data fields visible to Lua (e.g. `rm.url`).
    public var fields: LuaTable

    /// Creates an object value.
    public init(className: String, handle: Int, fields: LuaTable = LuaTable()) {
        self.className = className
        self.handle = handle
        self.fields = fields
    }
}
