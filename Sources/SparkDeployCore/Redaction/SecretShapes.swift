/// Secret-shaped text masked by shape, whatever its value: URL user-info passwords, `Authorization:`
/// header values, SigV4 `Signature=`/`Credential=`, session / delegation tokens, passwords and secrets
/// in query strings, headers or JSON, and AWS access key ids.
///
/// One pass of a case-folding ``ByteAutomaton`` finds the anchors (`://`, `authorization`, `token`, …);
/// each anchor then reads forward over what follows it. Those forward reads stop at characters that
/// cannot be part of the value, and a value read that starts inside the previous one reuses its end,
/// so the whole scan stays linear in the text (the regular expressions it replaces were not).
enum SecretShapes {
    private static let urlScheme: UInt32 = 1
    private static let authorization: UInt32 = 2
    private static let signature: UInt32 = 4
    private static let credential: UInt32 = 8
    private static let keyName: UInt32 = 16
    private static let accessKeyID: UInt32 = 32

    /// Names whose value, after `=` or `:` (optionally quoted), is a secret.
    private static let keyNames = [
        "x-amz-security-token", "x-hadoop-delegation-token", "aws_session_token", "aws_secret_access_key",
        "sessiontoken", "secretaccesskey", "delegation", "password", "passwd", "token", "secret",
    ]

    private static let anchors = ByteAutomaton(
        patterns: [
            (Array("://".utf8), urlScheme),
            (Array("authorization".utf8), authorization),
            (Array("signature=".utf8), signature),
            (Array("credential=".utf8), credential),
            (Array("akia".utf8), accessKeyID),
            (Array("asia".utf8), accessKeyID),
        ] + keyNames.map { (Array($0.utf8), keyName) }, foldingASCIICase: true)

    /// Appends the byte ranges of `text` to mask.
    static func collect(in text: UnsafeBufferPointer<UInt8>, into masks: inout [Range<Int>]) {
        var keyValueEnd = (start: -1, end: -1)
        var headerValueEnd = (start: -1, end: -1)
        anchors.forEachMatch(in: text) { match in
            let end = match.end
            if match.kinds & urlScheme != 0, let range = urlPassword(text, colon: end - 3) { masks.append(range) }
            if match.kinds & authorization != 0, let range = headerValue(text, after: end, memo: &headerValueEnd) {
                masks.append(range)
            }
            if match.kinds & signature != 0, text.has("Signature=", endingAt: end) {
                let stop = text.run(from: end) { $0.isHexDigit }
                if stop > end { masks.append(end..<stop) }
            }
            if match.kinds & credential != 0, text.has("Credential=", endingAt: end) {
                let stop = text.run(from: end) { $0.isUpperOrDigit }
                if stop > end && stop < text.count && text[stop] == UInt8(ascii: "/") { masks.append(end..<stop) }
            }
            if match.kinds & keyName != 0, let range = keyValue(text, after: end, memo: &keyValueEnd) { masks.append(range) }
            if match.kinds & accessKeyID != 0, let range = accessKey(text, prefixEnd: end) { masks.append(range) }
        }
    }

    /// `scheme://user:password@` → the password. The scheme is the whole run of scheme characters
    /// before `://` (1–32 of them, starting with a letter); user and password contain no `/`, space or `@`.
    private static func urlPassword(_ text: UnsafeBufferPointer<UInt8>, colon: Int) -> Range<Int>? {
        var start = colon
        while start > 0 && colon - start < 32 && text[start - 1].isSchemeCharacter { start -= 1 }
        guard start < colon, text[start].isLetter, start == 0 || !text[start - 1].isSchemeCharacter else { return nil }
        let userEnd = text.run(from: colon + 3) {
            !$0.isSpace && $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: ":") && $0 != UInt8(ascii: "@")
        }
        guard userEnd > colon + 3, userEnd < text.count, text[userEnd] == UInt8(ascii: ":") else { return nil }
        let passwordEnd = text.run(from: userEnd + 1) { !$0.isSpace && $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "@") }
        guard passwordEnd > userEnd + 1, passwordEnd < text.count, text[passwordEnd] == UInt8(ascii: "@") else { return nil }
        return (userEnd + 1)..<passwordEnd
    }

    /// `authorization: [scheme ]value` (also `=`, optionally quoted) → scheme and value.
    private static func headerValue(
        _ text: UnsafeBufferPointer<UInt8>, after end: Int,
        memo: inout (start: Int, end: Int)
    ) -> Range<Int>? {
        guard var p = text.separator(after: end, quoteBefore: false) else { return nil }
        if p < text.count && text[p] == UInt8(ascii: "\"") { p += 1 }
        func value(from start: Int) -> Int {
            if start > memo.start && start < memo.end { return memo.end }
            let stop = text.run(from: start) {
                !$0.isSpace && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: ",") && $0 != UInt8(ascii: "}")
            }
            memo = (start, stop)
            return stop
        }
        let word = text.run(from: p) { $0.isLetterOrDigit || $0 == UInt8(ascii: "-") }
        if word > p && word < text.count && text[word] == UInt8(ascii: " ") {
            let stop = value(from: word + 1)
            if stop > word + 1 { return p..<stop }
        }
        let stop = value(from: p)
        return stop > p ? p..<stop : nil
    }

    /// `token": "value"`, `password=value`, … → the value (up to a space, quote, `&`, `,`, `;` or `}`).
    private static func keyValue(
        _ text: UnsafeBufferPointer<UInt8>, after end: Int,
        memo: inout (start: Int, end: Int)
    ) -> Range<Int>? {
        guard var p = text.separator(after: end, quoteBefore: true) else { return nil }
        if p < text.count && text[p] == UInt8(ascii: "\"") { p += 1 }
        let stop: Int
        if p > memo.start && p < memo.end {
            stop = memo.end
        } else {
            stop = text.run(from: p) { byte in
                !byte.isSpace && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "&") && byte != UInt8(ascii: ",")
                    && byte != UInt8(ascii: ";") && byte != UInt8(ascii: "}")
            }
            memo = (p, stop)
        }
        return stop > p ? p..<stop : nil
    }

    /// A whole word `AKIA…`/`ASIA…` followed by at least 12 upper-case letters or digits.
    private static func accessKey(_ text: UnsafeBufferPointer<UInt8>, prefixEnd: Int) -> Range<Int>? {
        let start = prefixEnd - 4
        guard text.has("AKIA", endingAt: prefixEnd) || text.has("ASIA", endingAt: prefixEnd),
            start == 0 || !text[start - 1].isWordCharacter
        else { return nil }
        let stop = text.run(from: prefixEnd) { $0.isUpperOrDigit }
        guard stop - prefixEnd >= 12, stop == text.count || !text[stop].isWordCharacter else { return nil }
        return start..<stop
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The index of the first byte at or after `start` that does not satisfy `accept`.
    fileprivate func run(from start: Int, while accept: (UInt8) -> Bool) -> Int {
        var i = start
        while i < count && accept(self[i]) { i += 1 }
        return i
    }

    /// Whether the ASCII `literal` ends exactly at `end` (case-sensitive).
    fileprivate func has(_ literal: StaticString, endingAt end: Int) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard end >= length else { return false }
        let bytes = UnsafeBufferPointer<UInt8>(start: literal.utf8Start, count: length)
        for i in 0..<length where self[end - length + i] != bytes[i] { return false }
        return true
    }

    /// After a name ending at `end`: `["]\s*[:=]\s*` (the quote only when `quoteBefore`); the index after it.
    fileprivate func separator(after end: Int, quoteBefore: Bool) -> Int? {
        var p = end
        if quoteBefore && p < count && self[p] == UInt8(ascii: "\"") { p += 1 }
        p = run(from: p) { $0.isSpace }
        guard p < count, self[p] == UInt8(ascii: ":") || self[p] == UInt8(ascii: "=") else { return nil }
        return run(from: p + 1) { $0.isSpace }
    }
}

extension UInt8 {
    fileprivate var isSpace: Bool { self == 0x20 || (self >= 0x09 && self <= 0x0D) }
    fileprivate var isLetter: Bool { (self | 0x20) >= UInt8(ascii: "a") && (self | 0x20) <= UInt8(ascii: "z") }
    fileprivate var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
    fileprivate var isLetterOrDigit: Bool { isLetter || isDigit }
    fileprivate var isUpperOrDigit: Bool { (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z")) || isDigit }
    fileprivate var isHexDigit: Bool { isDigit || ((self | 0x20) >= UInt8(ascii: "a") && (self | 0x20) <= UInt8(ascii: "f")) }
    /// Letters, digits, `_`, and any byte of a non-ASCII character (as ICU's `\b` counts accented letters).
    fileprivate var isWordCharacter: Bool { isLetterOrDigit || self == UInt8(ascii: "_") || self >= 0x80 }
    fileprivate var isSchemeCharacter: Bool {
        isLetterOrDigit || self == UInt8(ascii: "+") || self == UInt8(ascii: ".") || self == UInt8(ascii: "-")
    }
}
