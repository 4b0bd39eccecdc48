/// A Lua value copied into Swift: what host functions receive and return.
///
/// Strings are `.string` when they are valid UTF-8 (embedded NULs included) and `.bytes`
/// otherwise, so binary data survives a round trip. Tables are copied deeply (with a depth
/// limit that also stops cycles). Functions stay in Lua and are held by a registry reference.
public enum LuaValue: Sendable, Equatable {
    /// `nil`.
    case `nil`
    /// `true` / `false`.
    case boolean(Bool)
    /// A Lua integer (64-bit).
    case integer(Int64)
    /// A Lua float.
    case number(Double)
    /// A string that is valid UTF-8.
    case string(String)
    /// A string that is not valid UTF-8, as raw bytes.
    case bytes([UInt8])
    /// A table.
    case table(LuaTable)
    /// A Lua function, held in the registry for the life of the run.
    case function(LuaFunctionRef)
    /// A host object (a table with a class metatable and a handle), e.g. a YARN connection.
    case object(LuaObject)
    /// Any other Lua type (userdata, thread), by type name; cannot be pushed back.
    case opaque(typeName: String)

    /// The Lua type name, as `type()` would say it.
    public var typeName: String {
        switch self {
        case .nil: return "nil"
        case .boolean: return "boolean"
        case .integer, .number: return "number"
        case .string, .bytes: return "string"
        case .table, .object: return "table"
        case .function: return "function"
        case .opaque(let name): return name
        }
    }

    /// The string value (UTF-8 repaired for `.bytes`), or nil for non-strings.
    public var stringValue: String? {
        switch self {
        case .string(let s): return s
        case .bytes(let b): return String(decoding: b, as: UTF8.self)
        default: return nil
        }
    }

    /// The numeric value of an integer or float.
    public var doubleValue: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .number(let d): return d
        default: return nil
        }
    }

    /// The integer value: integers, and floats with an exact integer value.
    public var integerValue: Int64? {
        switch self {
        case .integer(let i): return i
        case .number(let d):
            guard d.isFinite, d == d.rounded(), abs(d) < 9.2e18 else { return nil }
            return Int64(d)
        default: return nil
        }
    }

    /// The table, or nil.
    public var tableValue: LuaTable? {
        switch self {
        case .table(let t): return t
        case .object(let o): return o.fields
        default: return nil
        }
    }

    /// Lua truthiness: everything but `nil` and `false`.
    public var isTruthy: Bool {
        switch self {
        case .nil, .boolean(false): return false
        default: return true
        }
    }
}

extension LuaValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral, ExpressibleByNilLiteral
{
    /// A string literal.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An integer literal.
    public init(integerLiteral value: Int64) { self = .integer(value) }
    /// A boolean literal.
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    /// A float literal.
    public init(floatLiteral value: Double) { self = .number(value) }
    /// `nil`.
    public init(nilLiteral: ()) { self = .nil }
}

extension LuaValue {
    /// A value from an optional string (`nil` stays `nil`).
    public static func optional(_ s: String?) -> LuaValue { s.map(LuaValue.string) ?? .nil }
    /// A value from an optional integer.
    public static func optional(_ i: Int64?) -> LuaValue { i.map(LuaValue.integer) ?? .nil }
    /// A value from an optional double.
    public static func optional(_ d: Double?) -> LuaValue { d.map(LuaValue.number) ?? .nil }
    /// An array table of strings.
    public static func array(_ items: [String]) -> LuaValue { .table(LuaTable(sequence: items.map(LuaValue.string))) }
    /// An array table.
    public static func array(_ items: [LuaValue]) -> LuaValue { .table(LuaTable(sequence: items)) }
    /// A map table with string keys (nil values are left out).
    public static func map(_ fields: [String: LuaValue]) -> LuaValue { .table(LuaTable(fields: fields)) }
}
