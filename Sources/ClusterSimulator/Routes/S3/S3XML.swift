import SparkDeployCore

/// Writes the XML documents the simulated S3 answers with (escaping, dates).
enum S3XML {
    /// The XML declaration S3 starts every document with.
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    /// S3's namespace on result documents.
    static let namespace = "http://s3.amazonaws.com/doc/2006-03-01/"

    /// `<name>escaped value</name>`.
    static func element(_ name: String, _ value: String) -> String { "<\(name)>\(escape(value))</\(name)>" }

    /// Escapes `&`, `<`, `>`, `"` and `'`; control characters S3 keys may hold become character references.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case _ where scalar.value < 0x20 && scalar != "\t" && scalar != "\n":
                out += "&#x\(String(scalar.value, radix: 16, uppercase: true));"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// ISO 8601 with milliseconds in UTC (`2026-01-02T03:04:05.000Z`), as listings show `LastModified`.
    static func iso8601(_ seconds: Double) -> String { UTCDateTime(epochSeconds: seconds.rounded(.down)).iso8601Milliseconds }

    /// RFC 1123 (`Fri, 02 Jan 2026 03:04:05 GMT`), as `Last-Modified` headers show it.
    static func rfc1123(_ seconds: Double) -> String { UTCDateTime(epochSeconds: seconds).imfFixdate }
}
