import Foundation

/// Reads the text of simple `<Tag>text</Tag>` elements from the small, flat XML documents STS
/// returns. Not a general XML parser: STS responses have no attributes or CDATA in these elements.
enum XMLTagReader {
    /// The text of the first `<name>` element (entities decoded), or `nil`.
    static func first(_ name: String, in xml: String) -> String? {
        guard let open = xml.range(of: "<\(name)>"),
            let close = xml.range(of: "</\(name)>", range: open.upperBound..<xml.endIndex)
        else { return nil }
        return decode(String(xml[open.upperBound..<close.lowerBound]))
    }

    /// The first `<name>` element's text inside the first `<parent>` element.
    static func first(_ name: String, inside parent: String, of xml: String) -> String? {
        guard let inner = section(parent, in: xml) else { return nil }
        return first(name, in: inner)
    }

    /// The raw inner XML of the first `<name>` element.
    static func section(_ name: String, in xml: String) -> String? {
        guard let open = xml.range(of: "<\(name)>"),
            let close = xml.range(of: "</\(name)>", range: open.upperBound..<xml.endIndex)
        else { return nil }
        return String(xml[open.upperBound..<close.lowerBound])
    }

    private static func decode(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
