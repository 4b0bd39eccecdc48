import Foundation
import LuaHost

/// Turns the table given to `recipe{}` into ``RecipeMetadata``, collecting every problem.
enum MetadataReader {
    /// `source` (the recipe's text) lets problems with a param name its line (`recipes/x.lua:7: param 'hold' …`).
    static func read(_ table: LuaTable, name: String, path: String, source: String? = nil) -> Result<RecipeMetadata, RecipeProblems> {
        var problems: [String] = []
        let lines = source.map(ParamLines.find) ?? [:]
        func at(_ param: String) -> String { lines[param].map { "\(path):\($0)" } ?? path }
        let knownKeys: Set<String> = ["description", "params", "timeout"]
        for key in table.stringKeys.sorted() where !knownKeys.contains(key) {
            let hint = ParamsParser.closest(key, among: knownKeys.sorted()).map { " (did you mean '\($0)'?)" } ?? ""
            problems.append("\(path): recipe{} has unknown key '\(key)'\(hint) (known: \(knownKeys.sorted().joined(separator: ", ")))")
        }
        let description = table["description"].stringValue ?? ""
        if description.isEmpty { problems.append("\(path): recipe{} has no description") }
        var params: [RecipeParam] = []
        if let declared = table["params"].tableValue {
            if !declared.sequence.isEmpty { problems.append("\(path): recipe{} params must be a table of name = { … }") }
            for (key, value) in declared.fields.sorted(by: { $0.key < $1.key }) {
                guard case .string(let pname) = key else {
                    problems.append("\(path): param names must be strings (got \(key))")
                    continue
                }
                guard let spec = value.tableValue else {
                    problems.append("\(at(pname)): param '\(pname)' must be a table like { type = \"string\", help = \"…\" }")
                    continue
                }
                let known: Set<String> = ["type", "required", "default", "help", "choices", "secret", "min", "max", "nonempty", "pattern"]
                for field in spec.stringKeys where !known.contains(field) {
                    problems.append(
                        "\(at(pname)): param '\(pname)' has unknown field '\(field)' (known: \(known.sorted().joined(separator: ", ")))")
                }
                let typeName = spec["type"].stringValue ?? "string"
                guard let kind = RecipeParam.Kind(rawValue: typeName) else {
                    problems.append(
                        "\(at(pname)): param '\(pname)' has unknown type '\(typeName)' (string, number, integer, boolean, list)")
                    continue
                }
                var param = RecipeParam(name: pname, kind: kind)
                param.required = spec["required"] == .boolean(true)
                param.help = spec["help"].stringValue ?? ""
                param.secret = spec["secret"] == .boolean(true)
                if spec["choices"] != .nil {
                    if let choices = spec["choices"].tableValue?.sequence.compactMap(\.stringValue) {
                        param.choices = choices
                    } else {
                        problems.append("\(at(pname)): param '\(pname)' choices must be a list of strings")
                    }
                }
                param.rules = ParamRulesReader.read(spec, param: pname, kind: kind, path: at(pname), problems: &problems)
                let defaultValue = spec["default"]
                if defaultValue != .nil {
                    let matches: Bool
                    switch kind {
                    case .string: matches = defaultValue.stringValue != nil
                    case .number: matches = defaultValue.doubleValue != nil
                    case .integer: matches = defaultValue.integerValue != nil
                    case .boolean: if case .boolean = defaultValue { matches = true } else { matches = false }
                    case .list: matches = defaultValue.tableValue != nil
                    }
                    if matches {
                        param.defaultValue = defaultValue
                        if kind == .string, let choices = param.choices, !choices.isEmpty, let text = defaultValue.stringValue,
                            !choices.contains(text)
                        {
                            problems.append(
                                "\(at(pname)): param '\(pname)' default '\(param.secret ? "***" : text)' is not one of its choices: "
                                    + choices.joined(separator: ", "))
                        }
                        let shown = param.secret ? "***" : GlobalsModule.render(defaultValue)
                        problems += param.rules.problems(with: defaultValue, param: pname, shown: shown)
                            .map { "\(at(pname)): default of \($0)" }
                    } else {
                        problems.append("\(at(pname)): param '\(pname)' default is a \(defaultValue.typeName), not a \(kind.rawValue)")
                    }
                }
                params.append(param)
            }
        }
        let timeout = table["timeout"].doubleValue
        if table["timeout"] != .nil, !(timeout.map { $0 > 0 && $0 <= RunConfiguration.longestTimeout } ?? false) {
            problems.append(
                "\(path): recipe{} timeout must be a number of seconds above 0 and at most "
                    + "\(Int(RunConfiguration.longestTimeout)) (got \(GlobalsModule.render(table["timeout"])))")
        }
        guard problems.isEmpty else { return .failure(RecipeProblems(problems: problems)) }
        return .success(RecipeMetadata(name: name, path: path, description: description, params: params, timeout: timeout))
    }
}

/// Where each param is declared in a recipe's text: the first line `name = {` (or `["name"] = {`) per name.
/// A byte scanner, not a regular expression: every `run` reads metadata, and NSRegularExpression would load
/// ICU's Unicode tables at start-up for it.
enum ParamLines {
    static func find(in source: String) -> [String: Int] {
        var lines: [String: Int] = [:]
        for (index, line) in source.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            if let name = declaredName(Array(line)), lines[name] == nil { lines[name] = index + 1 }
        }
        return lines
    }

    /// `name` of a line `  name = {` or `  ["name"] = {`, else nil.
    static func declaredName(_ bytes: [UInt8]) -> String? {
        var i = 0
        func skipBlanks() { while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D { i += 1 } }
        func isStart(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F }
        func isPart(_ b: UInt8) -> Bool { isStart(b) || (b >= 0x30 && b <= 0x39) }
        skipBlanks()
        var quote: UInt8?
        if i < bytes.count, bytes[i] == UInt8(ascii: "[") {
            i += 1
            skipBlanks()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else { return nil }
            quote = bytes[i]
            i += 1
        }
        guard i < bytes.count, isStart(bytes[i]) else { return nil }
        let nameStart = i
        while i < bytes.count, isPart(bytes[i]) { i += 1 }
        let name = String(decoding: bytes[nameStart..<i], as: UTF8.self)
        if let quote {
            guard i < bytes.count, bytes[i] == quote else { return nil }
            i += 1
            skipBlanks()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "]") else { return nil }
            i += 1
        }
        skipBlanks()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else { return nil }
        i += 1
        skipBlanks()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { return nil }
        return name
    }
}

/// Problems found in a recipe file (syntax, metadata), each naming `file:line` where known.
public struct RecipeProblems: Error, Sendable, CustomStringConvertible {
    /// One per line.
    public var problems: [String]
    /// All of them.
    public var description: String { problems.joined(separator: "\n") }
}
