import Foundation
import SparkDeployCore
import Testing

/// Redaction is linear in the text whatever the text and the secrets are: the shapes that made the
/// old per-secret `replacingOccurrences` and regular expressions quadratic (issue 21, item 9).
@Suite("Redactor stays linear on hostile text", .serialized)
struct RedactorLinearityTests {
    /// Seconds to redact `text` with `redactor`, best of three (other tests share the CPU).
    private func seconds(_ redactor: Redactor, _ text: String) -> Double {
        (0..<3).map { _ in
            let started = ContinuousClock.now
            _ = redactor.redact(text)
            let elapsed = ContinuousClock.now - started
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }.min() ?? 0
    }

    /// A redactor with many secrets, some sharing prefixes, one long and periodic.
    private func loaded() -> Redactor {
        let r = Redactor()
        for i in 0..<200 { r.register(secret: "user-secret-\(i)-value") }
        r.register(secret: String(repeating: "ab", count: 5_000))
        return r
    }

    @Test(
        "8 MB takes less than 4× the time of 2 MB, for each hostile shape",
        arguments: [
            "token=", "password:\"", "https://u:", "Authorization: x ", "AKIAAAAAAAAAAAAAAAAA", "ab", "user-secret-1", "é\u{1b}x ",
        ])
    func linear(unit: String) {
        let r = loaded()
        let small = String(repeating: unit, count: 2_000_000 / unit.utf8.count)
        let large = String(repeating: unit, count: 8_000_000 / unit.utf8.count)
        let t2 = seconds(r, small)
        let t8 = seconds(r, large)
        #expect(t8 < 4 * max(t2, 0.01) * 2, "2 MB: \(t2) s, 8 MB: \(t8) s")  // 8× would be quadratic; 4× linear; 2× slack
        #expect(t8 < 20, "8 MB in \(t8) s in a debug build")
    }

    @Test("a secret longer than the automaton's chunks is masked whole, and only where it occurs")
    func longSecret() {
        let r = Redactor()
        let secret = (0..<500).map { String($0 % 97, radix: 36) }.joined()  // ~900 bytes, not periodic in 64
        r.register(secret: secret)
        #expect(r.redact("a \(secret) b") == "a *** b")
        #expect(r.redact("\(secret)\(secret)") == "***")
        #expect(r.redact("tail \(secret.suffix(40))") == "tail \(secret.suffix(40))")
    }

    @Test("overlapping and nested secrets are masked as one run")
    func overlapping() {
        let r = Redactor()
        r.register(secret: "abcdef")
        r.register(secret: "defghi")
        r.register(secret: "cdef")
        #expect(r.redact("x abcdefghi y") == "x *** y")
        #expect(r.redact("x cdef y abcdef") == "x *** y ***")
        #expect(r.redact("nothing here") == "nothing here")
    }

    @Test("secrets are matched as bytes: non-ASCII values, and text around them, survive intact")
    func unicode() {
        let r = Redactor()
        r.register(secret: "pässwörd-ünïcode")
        #expect(r.redact("é pässwörd-ünïcode ü") == "é *** ü")
        #expect(r.redact("é pässwörd-ünïcod ü") == "é pässwörd-ünïcod ü")
    }

    /// The shape rules as the regular expressions they replaced, the secret part as group 1.
    private static let oracleRules: [NSRegularExpression] = [
        #"(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,31}://[^/\s:@]+:([^/\s@]+)@"#,
        #"(?i)authorization\s*[:=]\s*"?((?:[A-Za-z0-9-]+ )?[^\s",}]+)"#,
        #"Signature=([0-9a-fA-F]+)"#,
        #"Credential=([A-Z0-9]+)/"#,
        #"(?i)(?:x-amz-security-token|x-hadoop-delegation-token|aws_session_token|aws_secret_access_key|sessiontoken|secretaccesskey|delegation|password|passwd|token|secret)"?\s*[:=]\s*"?([^\s"&,;}]+)"#,
        #"\b((?:AKIA|ASIA)[A-Z0-9]{12,})\b"#,
    ].compactMap { try? NSRegularExpression(pattern: $0) }

    /// `text` with the secret part of every match of every rule masked — matches from every start
    /// position, so that overlapping ones count (a plain global replace skips an anchor inside an
    /// earlier match, `token=password=x`) — and touching masks merged, as the redactor does.
    private static func oracle(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var masks: [Range<Int>] = []
        let length = (text as NSString).length
        for rule in oracleRules {
            var position = 0
            while position < length,
                let match = rule.firstMatch(in: text, range: NSRange(location: position, length: length - position))
            {
                if let range = Range(match.range(at: 1), in: text) {
                    let lower = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
                    masks.append(lower..<(lower + text[range].utf8.count))
                }
                position = match.range.location + 1
            }
        }
        var out: [UInt8] = []
        var copied = 0
        var pending: Range<Int>?
        for range in masks.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let current = pending, range.lowerBound <= current.upperBound {
                pending = current.lowerBound..<max(current.upperBound, range.upperBound)
                continue
            }
            if let current = pending { out += bytes[copied..<current.lowerBound] + Array("***".utf8); copied = current.upperBound }
            pending = range
        }
        if let current = pending { out += bytes[copied..<current.lowerBound] + Array("***".utf8); copied = current.upperBound }
        return String(decoding: out + bytes[copied...], as: UTF8.self)
    }

    @Test("shapes: the byte scanner masks exactly what the regular expressions match, on 3,000 random texts")
    func shapesMatchRegexOracle() {
        let pieces = [
            "token", "Token", "=", ":", " ", "\"", "https", "://", "u", "@", "/", "AKIA", "ABCDEFGHIJKL", "0",
            "Authorization", "Bearer ", "Signature=", "Credential=", "abc", ",", "}", "&", "é", "_", "secret",
            "password", "\n", "x-amz-security-token", "ff", "ASIA", ";",
        ]
        var generator = SystemRandomNumberGenerator()
        var mismatches: [String] = []
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 1...14, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            let expected = Self.oracle(text)
            let actual = Redactor().redact(text)
            if expected != actual {
                mismatches.append("\(text.debugDescription): regex \(expected.debugDescription), scanner \(actual.debugDescription)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10).joined(separator: "\n"))")
    }
}
