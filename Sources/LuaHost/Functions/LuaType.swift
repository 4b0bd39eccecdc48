/// The type a host function's parameter accepts, for checking and for documentation.
public indirect enum LuaType: Sendable, Equatable, CustomStringConvertible {
    /// Any value.
    case any
    /// A string.
    case string
    /// A number (integer or float).
    case number
    /// An integer (a float with an exact integer value is accepted).
    case integer
    /// A boolean.
    case boolean
    /// A table (any shape).
    case table
    /// A function.
    case function
    /// An array of `element`.
    case array(LuaType)
    /// A table of named fields (an options table), each with its own type.
    case record(String)
    /// An instance of a registered host class (e.g. `RM`).
    case object(String)
    /// One of several types.
    case oneOf([LuaType])

    /// As the error messages and docs say it: `"table or string"`.
    public var description: String {
        switch self {
        case .any: return "any"
        case .string: return "string"
        case .number: return "number"
        case .integer: return "integer"
        case .boolean: return "boolean"
        case .table: return "table"
        case .function: return "function"
        case .array(let e): return "\(e)[]"
        case .record(let name): return name
        case .object(let name): return name
        case .oneOf(let types): return types.map(\.description).joined(separator: " or ")
        }
    }

    /// The LuaLS annotation spelling (`string|table`).
    public var annotation: String {
        switch self {
        case .any: return "any"
        case .array(let e): return "\(e.annotation)[]"
        case .oneOf(let types): return types.map(\.annotation).joined(separator: "|")
        case .record(let name), .object(let name): return name
        default: return description
        }
    }

    /// Whether `value` is acceptable.
    public func accepts(_ value: LuaValue) -> Bool {
        switch self {
        case .any: return true
        case .string: if case .string = value { return true }; if case .bytes = value { return true }; return false
        case .number: return value.doubleValue != nil
        case .integer: return value.integerValue != nil
        case .boolean: if case .boolean = value { return true }; return false
        case .table, .record: if case .table = value { return true }; if case .object = value { return true }; return false
        case .function: if case .function = value { return true }; return false
        case .array(let element):
            guard case .table(let t) = value, t.fields.isEmpty else { return false }
            return t.sequence.allSatisfy(element.accepts)
        case .object(let name): if case .object(let o) = value { return o.className == name }; return false
        case .oneOf(let types): return types.contains { $0.accepts(value) }
        }
    }

    /// A sample value of this type (used to generate wrong-type calls in tests).
    public var sample: LuaValue {
        switch self {
        case .any, .string: return .string("x")
        case .number: return .number(1.5)
        case .integer: return .integer(1)
        case .boolean: return .boolean(true)
        case .table, .record, .array: return .table(LuaTable())
        case .function: return .nil
        case .object: return .nil
        case .oneOf(let types): return types.first?.sample ?? .nil
        }
    }
}
