import Foundation

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
    static func iso8601(_ seconds: Double) -> String {
        let c = utcComponents(seconds)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.000Z", c.year ?? 1970, c.month ?? 1, c.day ?? 1,
            c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// RFC 1123 (`Fri, 02 Jan 2026 03:04:05 GMT`), as `Last-Modified` headers show it.
    static func rfc1123(_ seconds: Double) -> String {
        let c = utcComponents(seconds)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let weekday = days[((c.weekday ?? 1) - 1 + 7) % 7]
        let month = months[((c.month ?? 1) - 1 + 12) % 12]
        return weekday + ", " + String(format: "%02d", c.day ?? 1) + " " + month + " "
            + String(format: "%04d %02d:%02d:%02d GMT", c.year ?? 1970, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    private static func utcComponents(_ seconds: Double) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second, .weekday],
            from: Date(timeIntervalSince1970: seconds.rounded(.down)))
    }
}
