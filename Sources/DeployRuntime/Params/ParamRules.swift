import LuaHost

/// The limits a recipe puts on a param's value in `recipe{}` (`min`, `max`, `nonempty`,
/// `pattern`), checked with the types before any code with side effects runs.
public struct ParamRules: Sendable, Equatable {
    /// The smallest number allowed (inclusive); number and integer params.
    public var min: Double?
    /// The largest number allowed (inclusive); number and integer params.
    public var max: Double?
    /// Whether an empty (or all-blank) string, or an empty list, is refused.
    public var nonempty: Bool
    /// Lua patterns the value (each element of a list) must match, any one of them (`"^s3://"`).
    public var patterns: [String]

    /// Creates rules; the defaults allow anything.
    public init(min: Double? = nil, max: Double? = nil, nonempty: Bool = false, patterns: [String] = []) {
        self.min = min
        self.max = max
        self.nonempty = nonempty
        self.patterns = patterns
    }

    /// Whether any rule is set.
    public var isEmpty: Bool { min == nil && max == nil && !nonempty && patterns.isEmpty }

    /// The rules as `describe` shows them: `min 1`, `nonempty`, `matches ^s3:// or ^hdfs://`.
    public var summary: [String] {
        var parts: [String] = []
        if let min { parts.append("min \(JSONBridge.format(min))") }
        if let max { parts.append("max \(JSONBridge.format(max))") }
        if nonempty { parts.append("nonempty") }
        if !patterns.isEmpty { parts.append("matches " + patterns.joined(separator: " or ")) }
        return parts
    }

    /// Every rule `value` breaks, each naming the param and the rule; `shown` is the value as
    /// messages may print it (`***` for a secret).
    public func problems(with value: LuaValue, param: String, shown: String) -> [String] {
        var problems: [String] = []
        if let number = value.doubleValue {
            if let min, number < min {
                problems.append("param '\(param)': \(shown) is less than min = \(JSONBridge.format(min))")
            }
            if let max, number > max {
                problems.append("param '\(param)': \(shown) is greater than max = \(JSONBridge.format(max))")
            }
        }
        let texts: [String]
        if let list = value.tableValue {
            texts = list.sequence.compactMap(\.stringValue)
            if nonempty && texts.isEmpty { problems.append("param '\(param)': must not be an empty list (nonempty = true)") }
        } else if case .string(let text) = value {
            texts = [text]
            if nonempty && text.allSatisfy(\.isWhitespace) { problems.append("param '\(param)': must not be empty (nonempty = true)") }
        } else {
            texts = []
        }
        guard !patterns.isEmpty else { return problems }
        for text in texts where !(text.isEmpty && nonempty) {
            switch LuaPatterns.matchesAny(text, patterns) {
            case .success(true): continue
            case .success(false):
                let quoted = patterns.map { "\"\($0)\"" }
                let rule = quoted.count == 1 ? "pattern = \(quoted[0])" : "any of pattern = { \(quoted.joined(separator: ", ")) }"
                let subject = value.tableValue == nil ? "'\(shown)'" : "element '\(shown == "***" ? "***" : text)'"
                problems.append("param '\(param)': \(subject) does not match \(rule)")
            case .failure(let error):
                problems.append("param '\(param)': its pattern cannot be applied: \(error.message)")
            }
        }
        return problems
    }
}
