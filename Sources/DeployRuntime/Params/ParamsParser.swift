import Foundation
import LuaHost
import SparkDeployCore

/// Turns `-p key=value` strings and a params file into typed values, checking every declared
/// parameter at once so that a CI run learns all its mistakes in one go.
public enum ParamsParser {
    /// Splits `key=value` arguments; a malformed one is a usage problem.
    public static func split(_ assignments: [String]) -> (values: [String: String], problems: [String]) {
        var values: [String: String] = [:]
        var problems: [String] = []
        for item in assignments {
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                problems.append("-p \(item): expected key=value")
                continue
            }
            let key = String(item[..<eq]).trimmingCharacters(in: .whitespaces)
            let value = String(item[item.index(after: eq)...])
            if values[key] != nil { problems.append("param '\(key)' given twice") }
            values[key] = value
        }
        return (values, problems)
    }

    /// Reads a params file: a JSON object, or `key=value` lines (`#` comments allowed).
    public static func readFile(_ path: String) -> (values: [String: String], problems: [String]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return ([:], ["--params-file \(path): cannot be read"])
        }
        let text = String(decoding: data, as: UTF8.self)
        if text.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("{") {
            guard let object = try? JSONDecoder().decode([String: ParamFileValue].self, from: data) else {
                return ([:], ["--params-file \(path): not a JSON object of strings, numbers, booleans or lists"])
            }
            let repeated = JSONObjectKeys.duplicates(in: data)
            if !repeated.isEmpty {
                return ([:], repeated.map { "--params-file \(path): param '\($0)' given twice (a JSON object's names must be unique)" })
            }
            return (object.mapValues(\.text), [])
        }
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        let (values, problems) = split(lines)
        return (values, problems.map { "--params-file \(path): \($0)" })
    }

    /// Checks `given` against `declared`, returning the `params` table or every problem found.
    public static func resolve(_ given: [String: String], declared: [RecipeParam]) -> Result<[String: LuaValue], ParamsError> {
        var problems: [String] = []
        var out: [String: LuaValue] = [:]
        let names = Set(declared.map(\.name))
        for key in given.keys.sorted() where !names.contains(key) {
            let hint = closest(key, among: Array(names)).map { " (did you mean '\($0)'?)" } ?? ""
            problems.append("unknown param '\(key)'\(hint)")
        }
        for param in declared {
            if param.secret { registerSecret(given: given[param.name], default: param.defaultValue) }
            guard let raw = given[param.name] else {
                if let value = param.defaultValue {
                    out[param.name] = value
                } else if param.required {
                    problems.append("missing required param '\(param.name)'" + (param.help.isEmpty ? "" : " (\(param.help))"))
                }
                continue
            }
            switch convert(raw, to: param.kind) {
            case .success(let value):
                if let choices = param.choices, let s = value.stringValue, !choices.contains(s) {
                    problems.append(
                        "param '\(param.name)': '\(param.secret ? "***" : OutsideText.quoted(raw))' is not one of \(choices.joined(separator: ", "))"
                    )
                } else {
                    let broken = param.rules.problems(with: value, param: param.name, shown: param.secret ? "***" : raw)
                    if broken.isEmpty { out[param.name] = value } else { problems += broken }
                }
            case .failure(let why):
                problems.append(
                    "param '\(param.name)': expected \(param.kind.rawValue), got '\(param.secret ? "***" : OutsideText.quoted(raw))'\(why)")
            }
        }
        return problems.isEmpty ? .success(out) : .failure(ParamsError(problems: problems))
    }

    /// Registers a secret param's value with the redactor — the given text, each element of it as a
    /// list would split it, and the default when none is given (a default is as secret as a value).
    static func registerSecret(given raw: String?, default value: LuaValue?) {
        if let raw {
            Redactor.shared.register(secret: raw)
            Redactor.shared.register(secrets: raw.split(separator: ",").map(String.init))
        } else if let value {
            let elements = value.tableValue?.sequence ?? [value]
            Redactor.shared.register(secrets: elements.map(RecipeRunner.render))
            if elements.count > 1 { Redactor.shared.register(secret: elements.map(RecipeRunner.render).joined(separator: ",")) }
        }
    }

    static func convert(_ raw: String, to kind: RecipeParam.Kind) -> Result<LuaValue, ConversionFailure> {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        switch kind {
        case .string: return .success(.string(raw))
        case .number:
            if let i = Int64(trimmed) { return .success(.integer(i)) }
            guard let d = Double(trimmed), d.isFinite else { return .failure(ConversionFailure()) }
            return .success(.number(d))
        case .integer:
            guard let i = Int64(trimmed) else { return .failure(ConversionFailure()) }
            return .success(.integer(i))
        case .boolean:
            switch trimmed.lowercased() {
            case "true", "yes", "1", "on": return .success(.boolean(true))
            case "false", "no", "0", "off": return .success(.boolean(false))
            default: return .failure(ConversionFailure(hint: " (use true or false)"))
            }
        case .list:
            let items = raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return .success(.array(items))
        }
    }

    struct ConversionFailure: Error, CustomStringConvertible {
        var hint = ""
        var description: String { hint }
    }

    /// The declared name nearest to a misspelt one (edit distance ≤ 2).
    static func closest(_ word: String, among names: [String]) -> String? {
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            var row = Array(0...b.count)
            for i in 1...max(1, a.count) where !a.isEmpty {
                var previous = row[0]
                row[0] = i
                for j in stride(from: 1, through: b.count, by: 1) {
                    let current = row[j]
                    row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                    previous = current
                }
            }
            return row[b.count]
        }
        let scored = names.map { ($0, distance(Array(word), Array($0))) }.filter { $0.1 <= 2 }
        return scored.min { $0.1 < $1.1 }?.0
    }
}

/// A value in a JSON params file, kept as the text `-p` would have given.
struct ParamFileValue: Decodable {
    var text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let b = try? container.decode(Bool.self) {
            text = b ? "true" : "false"
        } else if let i = try? container.decode(Int64.self) {
            text = String(i)
        } else if let d = try? container.decode(Double.self) {
            text = String(d)
        } else if let s = try? container.decode(String.self) {
            text = s
        } else {
            text = try container.decode([ParamFileValue].self).map(\.text).joined(separator: ",")
        }
    }
}

/// Every problem with the params of one run.
public struct ParamsError: Error, Sendable, CustomStringConvertible {
    /// One line each.
    public var problems: [String]

    /// Creates the error. Problems quote outside text (param names and values from the command line or
    /// a params file), so each is quoted as ``OutsideText``: redacted, control characters escaped (one
    /// line each), and capped — a 20 MB value makes a short message.
    public init(problems: [String]) {
        self.problems = problems.map { OutsideText.quoted($0, limit: 2 * OutsideText.quoteLimit) }
    }
    /// All problems, one per line.
    public var description: String { problems.joined(separator: "\n") }
}
