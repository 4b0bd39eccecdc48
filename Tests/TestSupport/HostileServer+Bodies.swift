/// Hostile variants of a valid JSON body: truncated, wrong-typed, not UTF-8, huge, too deep…
public enum HostileBody {
    /// The JSON type of a value found in a body.
    public enum Kind: Sendable, Equatable {
        /// `{…}`.
        case object
        /// `[…]`.
        case array
        /// `"…"`.
        case string
        /// A number.
        case number
        /// `true`, `false` or `null`.
        case literal
    }

    /// Where one value sits in a body.
    public struct Span: Sendable, Equatable {
        /// Its JSON type.
        public var kind: Kind
        /// Its bytes.
        public var range: Range<Int>
    }

    /// Every value of a (valid) JSON body, the root included, in document order.
    public static func spans(of bytes: [UInt8]) -> [Span] {
        var spans: [Span] = []
        var index = 0
        func space() { while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 } }
        func value() {
            space()
            guard index < bytes.count else { return }
            let start = index
            let slot = spans.count
            spans.append(Span(kind: .literal, range: start..<start))
            let kind: Kind
            switch bytes[index] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let close = bytes[index] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                kind = close == UInt8(ascii: "}") ? .object : .array
                index += 1
                space()
                while index < bytes.count, bytes[index] != close {
                    if kind == .object {
                        skipString()
                        space()
                        index += 1  // ':'
                    }
                    value()
                    space()
                    if index < bytes.count, bytes[index] == UInt8(ascii: ",") { index += 1; space() }
                }
                index += 1
            case UInt8(ascii: "\""):
                kind = .string
                skipString()
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                kind = .number
                while index < bytes.count, !",]} \n\r\t".utf8.contains(bytes[index]) { index += 1 }
            default:
                kind = .literal
                while index < bytes.count, bytes[index] >= UInt8(ascii: "a"), bytes[index] <= UInt8(ascii: "z") { index += 1 }
            }
            spans[slot] = Span(kind: kind, range: start..<min(index, bytes.count))
        }
        func skipString() {
            space()
            index += 1
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
            }
            index += 1
        }
        value()
        return spans
    }

    /// Replacements of another JSON type than `kind` (so a decoder cannot mistake them for a good
    /// value): other types, null, nested arrays, numbers beyond `Int64`, NaN-like tokens.
    public static func wrongTokens(for kind: Kind) -> [String] {
        let common = [
            "null", "[[[[1]]]]", "-9223372036854775809", "123456789012345678901234567890", "1e400",
            "NaN", "Infinity", "-Infinity", "nan",
        ]
        switch kind {
        case .object: return common + ["\"x\"", "[]", "[{}]", "7", "true", "\"\""]
        case .array: return common + ["\"x\"", "{}", "{\"a\":[]}", "7", "false"]
        case .string: return common + ["{}", "[]", "7", "-0", "0.5", "true", "{\"id\":\"x\"}", "[\"x\"]"]
        case .number: return common + ["\"x\"", "\"\"", "{}", "[]", "true", "\"1x\"", "[7]"]
        case .literal: return common + ["\"x\"", "{}", "[]", "7"]
        }
    }

    /// `bytes` with the value at `span` replaced by `token`.
    public static func replacing(_ span: Span, in bytes: [UInt8], with token: String) -> [UInt8] {
        Array(bytes[..<span.range.lowerBound]) + Array(token.utf8) + Array(bytes[span.range.upperBound...])
    }

    /// A random invalid UTF-8 sequence (lone continuation, overlong, surrogate, truncated, 0xFF).
    public static func invalidUTF8(_ random: inout HostileRandom) -> [UInt8] {
        let choices: [[UInt8]] = [
            [0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xFF], [0xFE, 0xFF],
            [0xF4, 0x90, 0x80, 0x80], [0xC3],
        ]
        return choices[Int(random.next() % UInt64(choices.count))]
    }

    /// `bytes` with an invalid UTF-8 sequence inside the contents of a random string value
    /// (`nil` when the body has no string).
    public static func invalidUTF8InString(_ bytes: [UInt8], _ random: inout HostileRandom) -> [UInt8]? {
        let strings = spans(of: bytes).filter { $0.kind == .string }
        guard !strings.isEmpty else { return nil }
        let span = strings[Int(random.next() % UInt64(strings.count))]
        let at = span.range.lowerBound + 1
        return Array(bytes[..<at]) + invalidUTF8(&random) + Array(bytes[at...])
    }

    /// An HTML error page as proxies and gateways send them.
    public static let htmlErrorPage = Array(
        """
        <!DOCTYPE html>
        <html><head><title>502 Bad Gateway</title></head>
        <body><h1>Bad Gateway</h1><p>The proxy server received an invalid response.</p></body></html>
        """.utf8)

    /// A JSON string of `megabytes` MB: `{"<key>":"aaaa…"}` (valid JSON, absurd size).
    public static func hugeString(megabytes: Int, key: String) -> [UInt8] {
        let prefix = Array("{\"\(key)\":\"".utf8)
        return prefix + [UInt8](repeating: UInt8(ascii: "a"), count: megabytes << 20) + Array("\"}".utf8)
    }

    /// `depth` nested arrays, closed (`[[[…]]]`) or not.
    public static func deepArrays(depth: Int, closed: Bool = true) -> [UInt8] {
        [UInt8](repeating: UInt8(ascii: "["), count: depth) + (closed ? [UInt8](repeating: UInt8(ascii: "]"), count: depth) : [])
    }

    /// `{"<key>":` followed by `depth` nested objects (`{"a":{"a":…}}`).
    public static func deepObjects(depth: Int, key: String) -> [UInt8] {
        Array("{\"\(key)\":".utf8) + Array(String(repeating: "{\"a\":", count: depth).utf8) + Array("1".utf8)
            + [UInt8](repeating: UInt8(ascii: "}"), count: depth + 1)
    }
}
