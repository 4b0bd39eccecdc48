import Foundation

/// The forms a secret value can take on its way to a log line, each of which ``Redactor`` masks.
///
/// The log layer redacts a message and each field *before* it writes them as JSON or plain text, so the
/// forms to catch are those a value already has when it reaches the log: as given; JSON-escaped, as
/// `json.encode`, a table logged as a field, or a JSON request body write it (with `/` escaped or not,
/// `\u001b` in either case, and escaped twice when JSON is quoted inside JSON); percent-encoded, as
/// URLs and query strings carry it (every non-alphanumeric byte, or only the RFC 3986 reserved ones,
/// space as `%20` or `+`); and base64 of the whole value, standard and URL-safe alphabets.
///
/// What this cannot catch: base64 of text that merely *contains* the secret (the encoding of a
/// substring depends on its alignment in the whole), and any form a recipe makes itself — a value
/// split, reversed, hashed, cut into substrings, or encoded some other way.
enum SecretEncodings {
    /// Every form of `secret` (itself included), each as UTF-8 bytes.
    static func forms(of secret: String) -> Set<[UInt8]> {
        var forms: Set<[UInt8]> = [Array(secret.utf8)]
        for slash in [false, true] {
            for upper in [false, true] {
                let once = json(secret, escapingSlash: slash, uppercaseHex: upper)
                forms.insert(Array(once.utf8))
                forms.insert(Array(json(once, escapingSlash: slash, uppercaseHex: upper).utf8))
            }
        }
        forms.insert(Array(secret.replacingOccurrences(of: "\"", with: "\\\"").utf8))  // plain log field quoting
        for allowed in [CharacterSet.alphanumerics, unreserved] {
            if let encoded = secret.addingPercentEncoding(withAllowedCharacters: allowed) {
                forms.insert(Array(encoded.utf8))
                forms.insert(Array(encoded.replacingOccurrences(of: "%20", with: "+").utf8))
            }
        }
        let base64 = Data(secret.utf8).base64EncodedString()
        let unpadded = String(base64.prefix { $0 != "=" })  // also masks the padded form: it is a prefix
        forms.insert(Array(unpadded.utf8))
        forms.insert(Array(unpadded.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").utf8))
        return forms
    }

    /// RFC 3986 unreserved characters: what AWS SigV4 and most URL builders leave unencoded.
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// `text` as the inside of a JSON string.
    private static func json(_ text: String, escapingSlash: Bool, uppercaseHex: Bool) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "/" where escapingSlash: out += "\\/"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16, uppercase: uppercaseHex)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
