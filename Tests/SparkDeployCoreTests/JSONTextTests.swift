import Foundation
import SparkDeployCore
import Testing

@Suite("JSON request bodies without Foundation")
struct JSONTextTests {
    @Test("the text parses back to the same value with Foundation, keys sorted, strings escaped")
    func roundTrip() throws {
        let value: JSONText = [
            "state": "KILLED", "diagnostics": "stopped by \"ci\"\n\tline 2 \\ \u{01} ü 🚀 / end",
            "resource": ["memory": 2048, "vCores": 2], "tags": ["a", "b"], "keep": true, "none": [],
        ]
        let text = value.text
        #expect(text.hasPrefix(#"{"diagnostics":"stopped by \"ci\"\n\tline 2 \\ \u0001 ü 🚀 / end","keep":true,"none":[],"#))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(parsed["state"] as? String == "KILLED")
        #expect(parsed["diagnostics"] as? String == "stopped by \"ci\"\n\tline 2 \\ \u{01} ü 🚀 / end")
        #expect((parsed["resource"] as? [String: Any])?["memory"] as? Int == 2048)
        #expect(parsed["tags"] as? [String] == ["a", "b"])
        #expect(parsed["keep"] as? Bool == true)
        #expect(JSONText.integer(-42).text == "-42" && JSONText.string("").text == #""""#)
    }
}
