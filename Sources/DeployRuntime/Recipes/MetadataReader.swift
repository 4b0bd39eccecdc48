import LuaHost

/// Turns the table given to `recipe{}` into ``RecipeMetadata``, collecting every problem.
enum MetadataReader {
    static func read(_ table: LuaTable, name: String, path: String) -> Result<RecipeMetadata, RecipeProblems> {
        var problems: [String] = []
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
                    problems.append("\(path): param '\(pname)' must be a table like { type = \"string\", help = \"…\" }")
                    continue
                }
                let known: Set<String> = ["type", "required", "default", "help", "choices", "secret", "min", "max", "nonempty", "pattern"]
                for field in spec.stringKeys where !known.contains(field) {
                    problems.append(
                        "\(path): param '\(pname)' has unknown field '\(field)' (known: \(known.sorted().joined(separator: ", ")))")
                }
                let typeName = spec["type"].stringValue ?? "string"
                guard let kind = RecipeParam.Kind(rawValue: typeName) else {
                    problems.append("\(path): param '\(pname)' has unknown type '\(typeName)' (string, number, integer, boolean, list)")
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
                        problems.append("\(path): param '\(pname)' choices must be a list of strings")
                    }
                }
                param.rules = ParamRulesReader.read(spec, param: pname, kind: kind, path: path, problems: &problems)
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
                        let shown = param.secret ? "***" : GlobalsModule.render(defaultValue)
                        problems += param.rules.problems(with: defaultValue, param: pname, shown: shown)
                            .map { "\(path): default of \($0)" }
                    } else {
                        problems.append("\(path): param '\(pname)' default is a \(defaultValue.typeName), not a \(kind.rawValue)")
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

/// Problems found in a recipe file (syntax, metadata), each naming `file:line` where known.
public struct RecipeProblems: Error, Sendable, CustomStringConvertible {
    /// One per line.
    public var problems: [String]
    /// All of them.
    public var description: String { problems.joined(separator: "\n") }
}
