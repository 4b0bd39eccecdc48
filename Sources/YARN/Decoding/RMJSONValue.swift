/// A parsed JSON value, as the YARN client reads the ResourceManager's bodies (internal; distinct from the
/// simulator's public `ClusterSimulator.JSONValue`, which keeps object key order for writing responses).
///
/// Integers that fit `Int64` stay exact (`.int`), so millisecond times and resource
/// counters never lose precision through `Double`.
enum RMJSONValue: Sendable, Equatable {
    /// `null`.
    case null
    /// `true` / `false`.
    case bool(Bool)
    /// An integer literal that fits in `Int64`.
    case int(Int64)
    /// Any other number.
    case double(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([RMJSONValue])
    /// An object (duplicate keys: the last one wins).
    case object([String: RMJSONValue])

    /// The object's fields, or `nil` for any other value.
    var object: [String: RMJSONValue]? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// The array's elements, or `nil`.
    var array: [RMJSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The string, or `nil`.
    var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// A number as `Int64` (doubles truncated when integral-valued; numeric strings accepted), or `nil`.
    var int64: Int64? {
        switch self {
        case .int(let i): return i
        case .double(let d): return d.isFinite && abs(d) < 9.2e18 ? Int64(d) : nil
        case .string(let s): return Int64(s)
        default: return nil
        }
    }

    /// A number as `Double` (numeric strings accepted), or `nil`.
    var double: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .string(let s): return Double(s)
        default: return nil
        }
    }

    /// A boolean (also `"true"`/`"false"` strings), or `nil`.
    var bool: Bool? {
        switch self {
        case .bool(let b): return b
        case .string(let s): return s == "true" ? true : (s == "false" ? false : nil)
        default: return nil
        }
    }

    /// A short name of the value's type, for error messages.
    var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .int, .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}
