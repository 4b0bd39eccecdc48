/// Reads the properties of a Hadoop configuration file (`yarn-site.xml`, `core-site.xml`).
///
/// A small, strict reader instead of Foundation's `XMLParser`: linking FoundationXML pulled libxml2,
/// ICU and liblzma into every start of the binary (about 1.5 ms of loading, Benchmarks/README.md), for one
/// file that only an RM lookup reads. It checks well-formedness (one root, matching tags, quoted
/// attributes, known entities, UTF-8) and reports the line of the first problem. A DOCTYPE is skipped
/// and its entity declarations are not applied, so no entity expands and nothing external is read.
///
/// Properties come in both of Hadoop's forms: `<property><name>k</name><value>v</value></property>`
/// and `<property name="k" value="v"/>`; texts are trimmed, CDATA sections included.
struct HadoopConfigurationXML {
    /// A well-formedness problem and the 1-based line where it was found.
    struct Problem: Error, Equatable {
        /// 1-based line number.
        var line: Int
        /// What is wrong.
        var message: String
    }

    /// Every `property` element's name → value, in document order (a later duplicate wins).
    static func properties(of bytes: [UInt8]) throws(Problem) -> [String: String] {
        var reader = HadoopConfigurationXML(bytes: bytes)
        return try reader.read()
    }

    /// Hadoop files nest three deep; a hostile one cannot recurse the reader off its stack.
    static let maximumDepth = 64

    private let bytes: [UInt8]
    private var position = 0
    private var line = 1
    private var properties: [String: String] = [:]

    private init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }  // UTF-8 byte-order mark
    }

    // MARK: Document

    private mutating func read() throws(Problem) -> [String: String] {
        try skipMisc()
        guard peek(is: "<") else { throw problem(position < bytes.count ? "content before the root element" : "no root element") }
        try element()
        try skipMisc()
        guard position == bytes.count else { throw problem("content after the root element") }
        return properties
    }

    /// Whitespace, comments, processing instructions and a DOCTYPE outside the root element.
    private mutating func skipMisc() throws(Problem) {
        while true {
            skipWhitespace()
            if peek(is: "<?") {
                try skip(past: "?>", what: "processing instruction")
            } else if peek(is: "<!--") {
                try skip(past: "-->", what: "comment")
            } else if peek(is: "<!DOCTYPE") {
                try skipDoctype()
            } else {
                return
            }
        }
    }

    /// One element and its content: its name and its own text (trimmed, CDATA included, child elements'
    /// texts not). A `property` element's `name` and `value` (children or attributes) become a property.
    @discardableResult
    private mutating func element(depth: Int = 1) throws(Problem) -> (name: String, text: String) {
        guard depth <= Self.maximumDepth else { throw problem("elements nested deeper than \(Self.maximumDepth)") }
        position += 1  // "<"
        let name = try self.name()
        var attributes: [String: String] = [:]
        while true {
            let hadSpace = skipWhitespace()
            guard position < bytes.count else { throw problem("unterminated start tag <\(name)>") }
            if peek(is: "/>") {
                position += 2
                record(name, attributes: attributes, children: [:])
                return (name, "")
            }
            if peek(is: ">") { position += 1; break }
            guard hadSpace else { throw problem("expected whitespace, '>' or '/>' in <\(name)>") }
            let attribute = try self.name()
            skipWhitespace()
            guard peek(is: "=") else { throw problem("attribute \(attribute) of <\(name)> has no value") }
            position += 1
            skipWhitespace()
            guard attributes.updateValue(try quoted(), forKey: attribute) == nil else {
                throw problem("attribute \(attribute) repeated in <\(name)>")
            }
        }
        var text: [UInt8] = []
        var children: [String: String] = [:]
        while true {
            guard position < bytes.count else { throw problem("<\(name)> is not closed") }
            if peek(is: "</") {
                position += 2
                let closing = try self.name()
                skipWhitespace()
                guard peek(is: ">") else { throw problem("unterminated end tag </\(closing)>") }
                position += 1
                guard closing == name else { throw problem("</\(closing)> closes <\(name)>") }
                record(name, attributes: attributes, children: children)
                return (name, try Self.trimmed(string(text)))
            } else if peek(is: "<!--") {
                try skip(past: "-->", what: "comment")
            } else if peek(is: "<![CDATA[") {
                position += 9
                let start = position
                try skip(past: "]]>", what: "CDATA section")
                text += bytes[start..<(position - 3)]
            } else if peek(is: "<?") {
                try skip(past: "?>", what: "processing instruction")
            } else if peek(is: "<!") {
                throw problem("unexpected markup in <\(name)>")
            } else if peek(is: "<") {
                let child = try element(depth: depth + 1)
                children[child.name] = child.text
            } else if peek(is: "&") {
                text += try entity()
            } else {
                if bytes[position] == UInt8(ascii: "\n") { line += 1 }
                text.append(bytes[position])
                position += 1
            }
        }
    }

    /// Records a closed `property` element.
    private mutating func record(_ name: String, attributes: [String: String], children: [String: String]) {
        guard name == "property" else { return }
        if let key = children["name"] ?? attributes["name"], let value = children["value"] ?? attributes["value"] {
            properties[key] = value
        }
    }

    // MARK: Pieces

    /// An element or attribute name.
    private mutating func name() throws(Problem) -> String {
        let start = position
        while position < bytes.count, Self.isNameByte(bytes[position], first: position == start) { position += 1 }
        guard position > start else { throw problem("expected a name") }
        return try string(Array(bytes[start..<position]))
    }

    /// A quoted attribute value, entities decoded.
    private mutating func quoted() throws(Problem) -> String {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else {
            throw problem("attribute value is not quoted")
        }
        let quote = bytes[position]
        position += 1
        var value: [UInt8] = []
        while true {
            guard position < bytes.count else { throw problem("unterminated attribute value") }
            let byte = bytes[position]
            if byte == quote { position += 1; break }
            if byte == UInt8(ascii: "<") { throw problem("'<' in an attribute value") }
            if byte == UInt8(ascii: "&") { value += try entity(); continue }
            if byte == UInt8(ascii: "\n") { line += 1 }
            value.append(byte)
            position += 1
        }
        return try string(value)
    }

    /// A character or entity reference at `position` (`&amp;`, `&#60;`, `&#x3C;`), decoded to UTF-8.
    private mutating func entity() throws(Problem) -> [UInt8] {
        let start = position + 1
        guard let end = bytes[start...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
            throw problem("'&' that does not start a reference (write &amp;)")
        }
        let reference = String(decoding: bytes[start..<end], as: UTF8.self)
        position = end + 1
        switch reference {
        case "lt": return [UInt8(ascii: "<")]
        case "gt": return [UInt8(ascii: ">")]
        case "amp": return [UInt8(ascii: "&")]
        case "quot": return [UInt8(ascii: "\"")]
        case "apos": return [UInt8(ascii: "'")]
        default:
            let scalar: Unicode.Scalar?
            if reference.hasPrefix("#x") || reference.hasPrefix("#X") {
                scalar = UInt32(reference.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
            } else if reference.hasPrefix("#") {
                scalar = UInt32(reference.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
            } else {
                throw problem("unknown entity &\(reference);")
            }
            guard let scalar, scalar.value != 0 else { throw problem("invalid character reference &\(reference);") }
            return Array(String(Character(scalar)).utf8)
        }
    }

    /// Skips a DOCTYPE declaration, internal subset included (its declarations are not applied).
    private mutating func skipDoctype() throws(Problem) {
        var depth = 0
        var quote: UInt8?
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: "\n") { line += 1 }
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "]") {
                depth -= 1
            } else if byte == UInt8(ascii: ">") && depth <= 0 {
                return
            }
        }
        throw problem("unterminated DOCTYPE")
    }

    /// Moves past the next `terminator`, counting lines; `what` names the construct in the error.
    private mutating func skip(past terminator: String, what: String) throws(Problem) {
        let pattern = Array(terminator.utf8)
        while position < bytes.count {
            if bytes[position...].starts(with: pattern) {
                position += pattern.count
                return
            }
            if bytes[position] == UInt8(ascii: "\n") { line += 1 }
            position += 1
        }
        throw problem("unterminated \(what)")
    }

    /// Skips XML whitespace; whether there was any.
    @discardableResult
    private mutating func skipWhitespace() -> Bool {
        let start = position
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\n"): line += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): break
            default: return position > start
            }
            position += 1
        }
        return position > start
    }

    private func peek(is literal: String) -> Bool {
        bytes[position...].starts(with: literal.utf8)
    }

    private func string(_ utf8: [UInt8]) throws(Problem) -> String {
        guard let text = String(validating: utf8, as: UTF8.self) else { throw problem("text is not UTF-8") }
        return text
    }

    private func problem(_ message: String) -> Problem { Problem(line: line, message: message) }

    private static func isNameByte(_ byte: UInt8, first: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"),
            UInt8(ascii: ":"), 0x80...0xFF:
            return true
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."):
            return !first
        default:
            return false
        }
    }

    private static func trimmed(_ text: String) -> String {
        let isSpace = { (c: Character) in c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\r\n" }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(text[first...last])
    }
}
