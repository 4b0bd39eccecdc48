/// Compares a value decoded from a hostile body with the one decoded from the valid body.
public enum HostileOracle {
    /// Paths where `actual` differs from `expected` other than by a value going missing (`nil`, an empty
    /// collection, an empty "other" state): a tolerant decoder may drop a wrong-typed field, but must
    /// never invent or alter one, and never read a non-empty answer as an empty one (the root may not go
    /// missing). Empty when `actual` is acceptable.
    /// With `floatsMayChange`, `Double` values may differ (a number replaced by another number).
    /// With `emptyIsValid` (the body is a documented empty answer), an empty value is correct.
    public static func unexplainedDifferences(
        expected: Any, actual: Any, floatsMayChange: Bool = false,
        emptyIsValid: Bool = false, path: String = rootPath
    ) -> [String] {
        let left = Mirror(reflecting: expected)
        let right = Mirror(reflecting: actual)
        if isAbsent(actual) {
            // A field may go missing; the whole answer may not: a corrupt HTTP 200 read as an empty list is
            // how a deploy decides nothing runs and submits a duplicate.
            if path == rootPath && !emptyIsValid && !isAbsent(expected) { return ["\(path) is empty, expected \(describeSize(expected))"] }
            return []
        }
        if left.displayStyle == .optional, let inner = left.children.first?.value {
            let actualInner = right.displayStyle == .optional ? right.children.first?.value ?? actual : actual
            return unexplainedDifferences(
                expected: inner, actual: actualInner, floatsMayChange: floatsMayChange,
                emptyIsValid: emptyIsValid, path: path)
        }
        if right.displayStyle == .optional, let inner = right.children.first?.value {
            return unexplainedDifferences(
                expected: expected, actual: inner, floatsMayChange: floatsMayChange,
                emptyIsValid: emptyIsValid, path: path)
        }
        switch left.displayStyle {
        case .struct, .class:
            var differences: [String] = []
            let rightChildren = Dictionary(
                right.children.compactMap { child in child.label.map { ($0, child.value) } },
                uniquingKeysWith: { first, _ in first })
            for child in left.children {
                guard let label = child.label else { continue }
                guard let other = rightChildren[label] else { differences.append("\(path).\(label) missing"); continue }
                differences += unexplainedDifferences(
                    expected: child.value, actual: other, floatsMayChange: floatsMayChange,
                    path: "\(path).\(label)")
            }
            return differences
        case .collection:
            let a = Array(left.children)
            let b = Array(right.children)
            guard a.count == b.count else { return ["\(path) has \(b.count) elements, expected \(a.count)"] }
            return zip(a, b).enumerated().flatMap { index, pair in
                unexplainedDifferences(
                    expected: pair.0.value, actual: pair.1.value, floatsMayChange: floatsMayChange,
                    path: "\(path)[\(index)]")
            }
        default:
            if floatsMayChange, expected is Double, actual is Double { return [] }
            let a = String(reflecting: expected)
            let b = String(reflecting: actual)
            return a == b ? [] : ["\(path) is \(b), expected \(a)"]
        }
    }

    /// The empty answers real RMs send (Hadoop 2: `null`; Hadoop 3: `{}`): a hostile body that happens to be
    /// one of them is a valid empty list, whatever the mutation that produced it.
    static let documentedEmptyAnswers: Set<String> = [
        #"{"apps":null}"#, #"{"apps":{}}"#, #"{"appAttempts":null}"#,
        #"{"appAttempts":{}}"#,
    ]

    /// Whether the body of `response` (after the header block) is a documented empty answer.
    public static func isDocumentedEmptyAnswer(_ response: HostileResponse) -> Bool {
        let bytes = response.bytes
        guard
            let end = (0..<max(0, bytes.count - 3)).first(where: {
                bytes[$0] == 13 && bytes[$0 + 1] == 10 && bytes[$0 + 2] == 13 && bytes[$0 + 3] == 10
            })
        else { return false }
        let body = String(decoding: bytes[(end + 4)...], as: UTF8.self).filter { !$0.isWhitespace }
        return documentedEmptyAnswers.contains(body)
    }

    /// The path of the value itself (the top-level call).
    public static let rootPath = "value"

    /// "N elements" for a collection, else the value.
    static func describeSize(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .collection, .dictionary, .set: return "\(mirror.children.count) elements"
        default: return String(reflecting: value)
        }
    }

    /// `nil`, an empty collection or dictionary, or an enum case carrying only an empty string.
    static func isAbsent(_ value: Any) -> Bool {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional, .collection, .dictionary, .set:
            return mirror.children.isEmpty
        case .enum:
            if let only = mirror.children.first, mirror.children.count == 1, let text = only.value as? String {
                return text.isEmpty
            }
            return false
        default:
            return false
        }
    }
}
