import LuaHost

/// Reads a param's `min`, `max`, `nonempty` and `pattern` from its `recipe{}` declaration,
/// reporting each one that is mistyped, contradictory or does not apply to the param's type.
enum ParamRulesReader {
    static func read(
        _ spec: LuaTable, param: String, kind: RecipeParam.Kind, path: String,
        problems: inout [String]
    ) -> ParamRules {
        var rules = ParamRules()
        let numeric = kind == .number || kind == .integer
        let textual = kind == .string || kind == .list
        for field in ["min", "max"] where spec[field] != .nil {
            guard let bound = spec[field].doubleValue, bound.isFinite else {
                problems.append("\(path): param '\(param)' \(field) must be a finite number (got \(spec[field].typeName))")
                continue
            }
            guard numeric else {
                problems.append("\(path): param '\(param)' \(field) applies to number and integer params, not \(kind.rawValue)")
                continue
            }
            if field == "min" { rules.min = bound } else { rules.max = bound }
        }
        if let min = rules.min, let max = rules.max, min > max {
            problems.append("\(path): param '\(param)' min (\(JSONBridge.format(min))) is greater than max (\(JSONBridge.format(max)))")
        }
        switch spec["nonempty"] {
        case .nil: break
        case .boolean(let flag):
            if flag && !textual {
                problems.append("\(path): param '\(param)' nonempty applies to string and list params, not \(kind.rawValue)")
            } else {
                rules.nonempty = flag
            }
        default:
            problems.append("\(path): param '\(param)' nonempty must be true or false (got \(spec["nonempty"].typeName))")
        }
        let pattern = spec["pattern"]
        guard pattern != .nil else { return rules }
        let patterns: [String]
        if let single = pattern.stringValue {
            patterns = [single]
        } else if let list = pattern.tableValue, !list.sequence.isEmpty, list.fields.isEmpty,
            list.sequence.allSatisfy({ $0.stringValue != nil })
        {
            patterns = list.sequence.compactMap(\.stringValue)
        } else {
            problems.append("\(path): param '\(param)' pattern must be a Lua pattern or a list of them (any one must match)")
            return rules
        }
        guard textual else {
            problems.append("\(path): param '\(param)' pattern applies to string and list params, not \(kind.rawValue)")
            return rules
        }
        var valid = true
        for candidate in patterns {
            if let why = LuaPatterns.problem(with: candidate) {
                problems.append("\(path): param '\(param)' pattern \"\(candidate)\" is not a valid Lua pattern: \(why)")
                valid = false
            }
        }
        if valid { rules.patterns = patterns }
        return rules
    }
}
