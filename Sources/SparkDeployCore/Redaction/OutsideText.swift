/// Text that came from outside the program — a server's error body, a cluster or app name, a param
/// value — made safe to quote in an error message or print to a terminal or CI log.
///
/// Three guards, each linear in the text: secrets are masked (``Redactor``), control characters are
/// escaped so they cannot move the cursor, retitle the terminal or forge a log line (`ESC` becomes
/// `\u{1B}`), and a quote is capped so a 10 MB name makes a short message, not 10 MB of error text.
public enum OutsideText {
    /// How many bytes of outside text an error message quotes; the rest is replaced by its size.
    public static let quoteLimit = 512

    /// `text` redacted, with every control character escaped (newlines too: a quote is one line), and
    /// cut to `limit` bytes followed by `… (N bytes)` when longer.
    public static func quoted(_ text: String, limit: Int = quoteLimit) -> String {
        capped(escapingControls(Redactor.shared.redact(text), keepingLineBreaks: false), limit: limit)
    }

    /// The first `limit` bytes of `text` (never splitting a character) and `… (N bytes)`, or `text`
    /// itself when it is no longer than `limit`.
    public static func capped(_ text: String, limit: Int = quoteLimit) -> String {
        let utf8 = text.utf8
        guard utf8.count > limit else { return text }
        var end = utf8.index(utf8.startIndex, offsetBy: max(0, limit))
        while end > utf8.startIndex && UTF8.isContinuation(utf8[end]) {
            end = utf8.index(before: end)
        }
        return String(decoding: utf8[..<end], as: UTF8.self) + "… (\(utf8.count) bytes)"
    }

    /// `text` with C0 control characters, DEL and C1 control characters written as `\u{XX}`, so that
    /// printing it cannot send an escape sequence. Line feeds and tabs stay when `keepingLineBreaks`
    /// (a log's own multi-line text); a quote escapes them too.
    public static func escapingControls(_ text: String, keepingLineBreaks: Bool = true) -> String {
        var copy = text
        return copy.withUTF8 { bytes -> String? in
            func isControl(_ i: Int) -> Bool {
                let byte = bytes[i]
                if byte < 0x20 { return !(keepingLineBreaks && (byte == 0x0A || byte == 0x09)) }
                if byte == 0x7F { return true }
                return byte == 0xC2 && i + 1 < bytes.count && bytes[i + 1] >= 0x80 && bytes[i + 1] <= 0x9F
            }
            guard let first = (0..<bytes.count).first(where: isControl) else { return nil }
            var out = Array(bytes[..<first])
            out.reserveCapacity(bytes.count + 16)
            var i = first
            while i < bytes.count {
                if isControl(i) {
                    let value = bytes[i] == 0xC2 ? bytes[i + 1] : bytes[i]
                    out.append(contentsOf: "\\u{".utf8)
                    out.append(contentsOf: String(value, radix: 16, uppercase: true).utf8)
                    out.append(UInt8(ascii: "}"))
                    i += bytes[i] == 0xC2 ? 2 : 1
                } else {
                    out.append(bytes[i])
                    i += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }
}
