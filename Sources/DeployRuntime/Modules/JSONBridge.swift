import Foundation
import LuaHost
import SparkDeployCore

/// Converts between JSON text and ``LuaValue`` for `json.encode` / `json.decode` (and the modules' JSON, e.g.
/// `emr.create_cluster`).
package enum JSONBridge {
    /// Why a value could not be encoded or a text decoded.
    package struct Failure: Error {
        /// What went wrong, for an error message.
        package var message: String
    }

    /// A float as JSON and logs write it: integral values without a fraction (`60`, not `60.0`).
    static func format(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
    }

    /// `value` as JSON text, object keys sorted (`pretty`: indented over several lines).
    package static func encode(_ value: LuaValue, pretty: Bool) throws(Failure) -> String {
        var out = ""
        try write(value, into: &out, pretty: pretty, indent: 0, depth: 0)
        return out
    }

    private static func write(_ value: LuaValue, into out: inout String, pretty: Bool, indent: Int, depth: Int) throws(Failure) {
        guard depth < 64 else { throw Failure(message: "nesting deeper than 64 levels") }
        switch value {
        case .nil: out += "null"
        case .boolean(let b): out += b ? "true" : "false"
        case .integer(let i): out += String(i)
        case .number(let d):
            guard d.isFinite else { throw Failure(message: "cannot encode \(d) (JSON has no NaN or infinity)") }
            out += format(d)
        case .string(let s): JSONText.quote(s, into: &out)
        case .bytes(let b): JSONText.quote(String(decoding: b, as: UTF8.self), into: &out)
        case .table, .object:
            let t = value.tableValue ?? LuaTable()
            let newline = pretty ? "\n" + String(repeating: "  ", count: indent + 1) : ""
            let close = pretty ? "\n" + String(repeating: "  ", count: indent) : ""
            if t.fields.isEmpty && !t.sequence.isEmpty {
                out += "["
                for (i, element) in t.sequence.enumerated() {
                    if i > 0 { out += "," }
                    out += newline
                    try write(element, into: &out, pretty: pretty, indent: indent + 1, depth: depth + 1)
                }
                out += close + "]"
            } else {
                out += "{"
                var entries: [(String, LuaValue)] = t.sequence.enumerated().map { (String($0.offset + 1), $0.element) }
                for (key, element) in t.fields {
                    switch key {
                    case .string(let s): entries.append((s, element))
                    case .integer(let i): entries.append((String(i), element))
                    case .number(let d): entries.append((String(d), element))
                    case .boolean(let b): entries.append((String(b), element))
                    }
                }
                for (i, entry) in entries.sorted(by: { $0.0 < $1.0 }).enumerated() {
                    if i > 0 { out += "," }
                    out += newline
                    JSONText.quote(entry.0, into: &out)
                    out += pretty ? ": " : ":"
                    try write(entry.1, into: &out, pretty: pretty, indent: indent + 1, depth: depth + 1)
                }
                out += (entries.isEmpty ? "" : close) + "}"
            }
        case .function: throw Failure(message: "cannot encode a function")
        case .opaque(let name): throw Failure(message: "cannot encode a \(name)")
        }
    }

    /// The Lua value of a JSON text.
    package static func decode(_ text: String) throws(Failure) -> LuaValue {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch {
            throw Failure(message: "invalid JSON: \(error.localizedDescription)")
        }
        return convert(object)
    }

    static func convert(_ object: Any) -> LuaValue {
        switch object {
        case let s as String: return .string(s)
        case let n as NSNumber:
            let type = String(cString: n.objCType)
            if type == "c" || type == "B" { return .boolean(n.boolValue) }
            if type == "d" || type == "f" {
                let d = n.doubleValue
                return .number(d)
            }
            return .integer(n.int64Value)
        case let a as [Any]: return .array(a.map(convert))
        case let d as [String: Any]:
            var fields: [String: LuaValue] = [:]
            for (k, v) in d { fields[k] = convert(v) }
            return .map(fields)
        default: return .nil
        }
    }
}
