import Foundation

/// A small, strict XML reader for S3's answers (error documents, `ListBucketResult`).
///
/// Not Foundation's `XMLParser`: FoundationXML pulls libxml2, ICU and liblzma into every start of the
/// binary (see `HadoopConfigurationXML` in the YARN target, which reads `yarn-site.xml` the same way). It checks
/// well-formedness — one root, matching tags, quoted attributes, known entities — and reports the byte offset
/// of the first problem. A DOCTYPE is refused (S3 never sends one), so no entity expands and nothing
/// external is read. Attributes (`xmlns`) are checked and dropped.
struct SimpleXML: Equatable {
    /// A well-formedness problem and the byte offset where it was found.
    struct Problem: Error, Equatable, CustomStringConvertible {
        /// 0-based byte offset.
        var offset: Int
        /// What is wrong.
        var message: String
        /// `malformed XML at byte N: …`.
        var description: String { "malformed XML at byte \(offset): \(message)" }
    }

    /// The element name (with any prefix).
    var name: String
    /// Child elements in order.
    var children: [SimpleXML]
    /// The concatenated character data directly inside this element, entities decoded.
    var text: String

    /// The trimmed text of the first child called `name`.
    func text(of name: String) -> String? {
        children.first { $0.name == name }.map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// Every child called `name`.
    func all(_ name: String) -> [SimpleXML] { children.filter { $0.name == name } }

    /// S3 documents nest three deep; a hostile one cannot recurse the reader off its stack.
    static let maximumDepth = 32

    /// Parses a whole document and returns its root element.
    static func parse(_ bytes: [UInt8]) throws(Problem) -> SimpleXML {
        var reader = Reader(bytes: bytes)
        return try reader.document()
    }

    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        }

        mutating func document() throws(Problem) -> SimpleXML {
            try skipMisc()
            guard peek("<") else { throw problem("no root element") }
            let root = try element(depth: 0)
            try skipMisc()
            guard position == bytes.count else { throw problem("content after the root element") }
            return root
        }

        mutating func skipMisc() throws(Problem) {
            while true {
                while position < bytes.count, isSpace(bytes[position]) { position += 1 }
                if peek("<?") {
                    try skip(past: "?>")
                } else if peek("<!--") {
                    try skip(past: "-->")
                } else if peek("<!") {
                    throw problem("DOCTYPE or declaration not accepted")
                } else {
                    return
                }
            }
        }

        mutating func element(depth: Int) throws(Problem) -> SimpleXML {
            guard depth < SimpleXML.maximumDepth else { throw problem("nested deeper than \(SimpleXML.maximumDepth)") }
            position += 1  // <
            let name = try self.name()
            try attributes()
            if peek("/>") {
                position += 2
                return SimpleXML(name: name, children: [], text: "")
            }
            guard peek(">") else { throw problem("expected > after <\(name)") }
            position += 1
            var children: [SimpleXML] = []
            var text: [UInt8] = []
            while true {
                guard position < bytes.count else { throw problem("<\(name)> is not closed") }
                if peek("</") {
                    position += 2
                    let closing = try self.name()
                    while position < bytes.count, isSpace(bytes[position]) { position += 1 }
                    guard closing == name, peek(">") else { throw problem("</\(closing)> does not close <\(name)>") }
                    position += 1
                    return SimpleXML(name: name, children: children, text: String(decoding: text, as: UTF8.self))
                } else if peek("<!--") {
                    try skip(past: "-->")
                } else if peek("<![CDATA[") {
                    position += 9
                    let start = position
                    try skip(past: "]]>")
                    text += bytes[start..<(position - 3)]
                } else if peek("<?") {
                    try skip(past: "?>")
                } else if peek("<") {
                    children.append(try element(depth: depth + 1))
                } else if peek("&") {
                    text += try entity()
                } else {
                    text.append(bytes[position])
                    position += 1
                }
            }
        }

        mutating func name() throws(Problem) -> String {
            let start = position
            while position < bytes.count, !isSpace(bytes[position]),
                ![UInt8(ascii: ">"), UInt8(ascii: "/"), UInt8(ascii: "="), UInt8(ascii: "<")].contains(bytes[position])
            {
                position += 1
            }
            guard position > start else { throw problem("expected a name") }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }

        mutating func attributes() throws(Problem) {
            while true {
                while position < bytes.count, isSpace(bytes[position]) { position += 1 }
                if peek(">") || peek("/>") { return }
                _ = try name()
                guard peek("=") else { throw problem("attribute without =") }
                position += 1
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'")
                else { throw problem("unquoted attribute value") }
                let quote = bytes[position]
                position += 1
                while position < bytes.count, bytes[position] != quote {
                    if bytes[position] == UInt8(ascii: "<") { throw problem("< in an attribute value") }
                    position += 1
                }
                guard position < bytes.count else { throw problem("attribute value is not closed") }
                position += 1
            }
        }

        mutating func entity() throws(Problem) -> [UInt8] {
            guard let end = bytes[position...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
                throw problem("& without ;")
            }
            let body = String(decoding: bytes[(position + 1)..<end], as: UTF8.self)
            position = end + 1
            switch body {
            case "amp": return Array("&".utf8)
            case "lt": return Array("<".utf8)
            case "gt": return Array(">".utf8)
            case "quot": return Array("\"".utf8)
            case "apos": return Array("'".utf8)
            default:
                var scalar: UInt32?
                if body.hasPrefix("#x") {
                    scalar = UInt32(body.dropFirst(2), radix: 16)
                } else if body.hasPrefix("#") {
                    scalar = UInt32(body.dropFirst(), radix: 10)
                }
                guard let scalar, let character = Unicode.Scalar(scalar) else { throw problem("unknown entity &\(body);") }
                return Array(String(Character(character)).utf8)
            }
        }

        mutating func skip(past terminator: String) throws(Problem) {
            let target = Array(terminator.utf8)
            while position + target.count <= bytes.count {
                if bytes[position..<(position + target.count)].elementsEqual(target) {
                    position += target.count
                    return
                }
                position += 1
            }
            throw problem("\(terminator) missing")
        }

        func peek(_ text: String) -> Bool {
            let target = Array(text.utf8)
            return position + target.count <= bytes.count
                && bytes[position..<(position + target.count)].elementsEqual(target)
        }

        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

        func problem(_ message: String) -> Problem { Problem(offset: position, message: message) }
    }
}
