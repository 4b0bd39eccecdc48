import Testing

@testable import YARN

@Suite struct JSONReaderTests {
    private func parse(_ text: String) throws -> RMJSONValue { try JSONReader.parse(Array(text.utf8)) }

    @Test func parsesScalarsExactly() throws {
        #expect(try parse("9007199254740993") == .int(9_007_199_254_740_993))
        #expect(try parse("-12") == .int(-12))
        #expect(try parse("1.5e3") == .double(1500))
        #expect(try parse(" true ") == .bool(true))
        #expect(try parse("null") == .null)
        #expect(try parse(#""a\n\u00e9\ud83d\ude00\"""#) == .string("a\né😀\""))
    }

    @Test func parsesNesting() throws {
        let value = try parse(#"{"a":[1,{"b":null}],"c":{}}"#)
        #expect(value.object?["a"]?.array?.count == 2)
        #expect(value.object?["c"] == .object([:]))
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\":1,}", "01x", "\"abc", "tru", "{} x", "\"\\ud800\"", "-", "1.", "\"\u{01}\""])
    func rejectsInvalidDocuments(text: String) {
        #expect(throws: JSONReadError.self) { try JSONReader.parse(Array(text.utf8)) }
    }

    @Test func limitsNestingDepth() {
        let deep = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        let error = #expect(throws: JSONReadError.self) { try JSONReader.parse(Array(deep.utf8)) }
        #expect(error?.reason.contains("nesting") == true)
    }
}
