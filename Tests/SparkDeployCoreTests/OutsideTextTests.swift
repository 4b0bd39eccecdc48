import SparkDeployCore
import Testing

@Suite("Outside text is quoted short, escaped and redacted")
struct OutsideTextTests {
    @Test("a quote longer than the limit keeps its head and says how long it was")
    func capped() {
        let long = String(repeating: "x", count: 10_000_000)
        let quoted = OutsideText.quoted(long)
        #expect(quoted == String(repeating: "x", count: 512) + "… (10000000 bytes)")
        #expect(OutsideText.quoted("short") == "short")
    }

    @Test("the cut never splits a character")
    func cutOnCharacter() {
        let text = "a" + String(repeating: "é", count: 600)  // 1 + 1200 bytes: byte 512 is inside an é
        let capped = OutsideText.capped(text)
        #expect(capped.hasPrefix("a" + String(repeating: "é", count: 255) + "…"))
        #expect(capped.hasSuffix("(1201 bytes)"))
    }

    @Test("control characters are escaped: ESC, BEL, CR, DEL, C1; a quote escapes line breaks too")
    func controls() {
        let hostile = "ok\u{1b}]0;evil\u{7}\u{1b}[2K\r\u{7f}\u{9b}31m\nINFO forged\tline"
        let logged = OutsideText.escapingControls(hostile)
        #expect(logged == "ok\\u{1B}]0;evil\\u{7}\\u{1B}[2K\\u{D}\\u{7F}\\u{9B}31m\nINFO forged\tline")
        let quoted = OutsideText.quoted(hostile)
        #expect(!quoted.contains("\n") && !quoted.contains("\t") && !quoted.unicodeScalars.contains { $0.value < 0x20 })
        #expect(OutsideText.escapingControls("plain é text") == "plain é text")
    }
}
