import Foundation
import TestSupport
import Testing

@testable import YARN

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The yarn-site.xml reader: Hadoop's two property forms, XML's escapes, and a clear line-numbered error for
/// anything malformed, checked against libxml2 (Foundation's `XMLParser`, linked into the tests only).
@Suite struct HadoopConfigurationXMLTests {
    static func read(_ text: String) throws(HadoopConfigurationXML.Problem) -> [String: String] {
        try HadoopConfigurationXML.properties(of: Array(text.utf8))
    }

    @Test func bothPropertyFormsEscapesCDATAAndComments() throws {
        let text =
            "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
            + "<?xml-stylesheet type=\"text/xsl\" href=\"configuration.xsl\"?>\n"
            + "<!DOCTYPE configuration [ <!ENTITY ignored \"x\"> ]>\n"
            + "<!-- Site specific YARN configuration -->\n"
            + "<configuration xmlns:xi=\"http://www.w3.org/2001/XInclude\">\n"
            + "  <property>\n    <name> yarn.resourcemanager.hostname </name>\n"
            + "    <value>\n      ip-10-0-0-1.ec2.internal\n    </value>\n    <final>true</final>\n"
            + "    <description>The <b>RM</b> host &amp; more</description>\n  </property>\n"
            + "  <property name='a.b' value=\"x &lt; y &#38; &#x3e; z\"/>\n"
            + "  <property><name>c<!-- split -->d</name><value><![CDATA[<raw & kept>]]></value></property>\n"
            + "  <property><name>e</name><value>caf&#xE9; \u{2603}</value></property>\n"
            + "  <property><name>empty</name><value/></property>\n"
            + "  <property><name>no.value</name></property>\n"
            + "  <property><name>dup</name><value>1</value></property><property><name>dup</name><value>2</value></property>\n"
            + "</configuration>\n<!-- trailing -->\n"
        #expect(
            try Self.read(text) == [
                "yarn.resourcemanager.hostname": "ip-10-0-0-1.ec2.internal", "a.b": "x < y & > z", "cd": "<raw & kept>",
                "e": "café \u{2603}", "empty": "", "dup": "2",
            ])
    }

    @Test(
        "malformed files are refused with the line of the problem",
        arguments: [
            ("", 1, "no root element"),
            ("just text", 1, "content before the root element"),
            ("<configuration>\n<property>\n<name>x</value>", 3, "</value> closes <name>"),
            ("<configuration>\n<property>", 2, "<property> is not closed"),
            ("<configuration>\n\n<a>&nbsp;</a></configuration>", 3, "unknown entity &nbsp;"),
            ("<configuration>\n<a>fish & chips</a></configuration>", 2, "'&' that does not start a reference"),
            ("<configuration><property name=x/></configuration>", 1, "attribute value is not quoted"),
            ("<configuration a='1' a='2'/>", 1, "attribute a repeated"),
            ("<configuration/>\n<second/>", 2, "content after the root element"),
            ("<configuration><a>&#xD800;</a></configuration>", 1, "invalid character reference"),
            ("<configuration>\n<!-- never closed", 2, "unterminated comment"),
            ("<configuration><![CDATA[x</configuration>", 1, "unterminated CDATA section"),
            ("<!DOCTYPE c [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<c>&xxe;</c>", 2, "unknown entity &xxe;"),
            ("<configuration><a b='<'/></configuration>", 1, "'<' in an attribute value"),
            ("<1a/>", 1, "expected a name"),
        ])
    func refused(text: String, line: Int, message: String) {
        let problem = #expect(throws: HadoopConfigurationXML.Problem.self) { try Self.read(text) }
        #expect(problem?.line == line, "\(text)")
        #expect(problem?.message.contains(message) == true, "\(String(describing: problem?.message)) for \(text)")
    }

    @Test func hostileShapesAreRefusedNotCrashedOn() {
        let deep = String(repeating: "<a>", count: 100_000)
        #expect(throws: HadoopConfigurationXML.Problem(line: 1, message: "elements nested deeper than 64")) { try Self.read(deep) }
        let notUTF8: [UInt8] =
            Array("<configuration><property><name>x</name><value>".utf8) + [0xC3, 0x28]
            + Array("</value></property></configuration>".utf8)
        #expect(throws: HadoopConfigurationXML.Problem.self) { try HadoopConfigurationXML.properties(of: notUTF8) }
    }

    @Test func everyTruncationOfARealFileIsAnErrorNotACrash() throws {
        let bytes = try Fixture.bytes("hadoop-conf/yarn-site.xml")
        let complete = try HadoopConfigurationXML.properties(of: bytes)
        #expect(!complete.isEmpty)
        for length in 0..<bytes.count {
            let prefix = Array(bytes[..<length])
            if let properties = try? HadoopConfigurationXML.properties(of: prefix) {
                // Only a cut in the trailing whitespace after the root may still read, and then it reads everything.
                #expect(properties == complete, "cut at \(length)")
                #expect(bytes[length...].allSatisfy { $0 == 0x0A || $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }, "cut at \(length)")
            }
        }
    }

    @Test("3,000 mutated yarn-site files: accepted exactly when libxml2 accepts, with the same properties")
    func agreesWithLibxml2() throws {
        let original = try Fixture.bytes("yarn-site-ha.xml")
        // Mutations start at the root element: the XML declaration before it is skipped, not validated (by design).
        let root = try #require(Data(original).range(of: Data("<configuration>".utf8))?.lowerBound)
        let seed = HostileRandom.seed(default: 0xC0FFEE, environment: ProcessInfo.processInfo.environment)
        var random = HostileRandom(seed: seed)
        let alphabet = Array("<>/&;\"'=!-[]?#x ab\n".utf8)
        var disagreements: [String] = []
        var accepted = 0
        for _ in 0..<3_000 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let index = Int.random(in: root..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes.remove(at: index)
                case 1: bytes.insert(alphabet[Int.random(in: 0..<alphabet.count, using: &random)], at: index)
                default: bytes[index] = alphabet[Int.random(in: 0..<alphabet.count, using: &random)]
                }
            }
            let ours = try? HadoopConfigurationXML.properties(of: bytes)
            let theirs = LibXML2Properties.read(bytes)
            if ours != nil { accepted += 1 }
            if ours != theirs, disagreements.count < 5 {
                disagreements.append(
                    "ours \(String(describing: ours)) libxml2 \(String(describing: theirs)):\n"
                        + String(decoding: bytes, as: UTF8.self))
            }
        }
        #expect(disagreements.isEmpty, "seed \(seed):\n\(disagreements.joined(separator: "\n---\n"))")
        #expect(accepted > 300, "only \(accepted) of 3,000 mutants were well-formed: the mutation is too blunt to test acceptance")
    }
}

/// The oracle: libxml2 through `XMLParser`, collecting each element's own text the way the reader does.
private final class LibXML2Properties: NSObject, XMLParserDelegate {
    private var properties: [String: String] = [:]
    private var stack: [(name: String, text: String, children: [String: String], attributes: [String: String])] = []

    static func read(_ bytes: [UInt8]) -> [String: String]? {
        let collector = LibXML2Properties()
        let parser = XMLParser(data: Data(bytes))
        parser.shouldResolveExternalEntities = false
        parser.delegate = collector
        // swift-corelibs' XMLParser can return true after libxml2 reported an error; the error is the verdict.
        return parser.parse() && parser.parserError == nil ? collector.properties : nil
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        stack.append((elementName, "", [:], attributeDict))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if !stack.isEmpty { stack[stack.count - 1].text += string }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        if !stack.isEmpty { stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self) }
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?
    ) {
        guard let element = stack.popLast() else { return }
        let text = element.text.trimmingCharacters(in: CharacterSet(charactersIn: " \t\r\n"))
        if !stack.isEmpty { stack[stack.count - 1].children[element.name] = text }
        if element.name == "property",
            let key = element.children["name"] ?? element.attributes["name"],
            let value = element.children["value"] ?? element.attributes["value"]
        {
            properties[key] = value
        }
    }
}
