import Foundation
import Testing

/// What an adversarial trial of the shipped binary broke in the output paths (issue 21): slow
/// redaction and unbounded quotes (item 9), control characters (item 8).
@Suite("Output hardening: bounded, fast, escaped")
struct OutputHardeningTests {
    @Test("a 10 MB cluster name makes a short error, quickly (item 9)")
    func hugeClusterName() throws {
        let started = ContinuousClock.now
        let r = try CLI.run(["exec", "--sandbox", "-e", "return emr.cluster(string.rep('n', 10000000))"])
        #expect(r.status != 0)
        #expect(r.output.contains("no active cluster named 'nnnn"))
        #expect(r.output.contains("… (10000000 bytes)"))
        #expect(r.output.utf8.count < 64_000, "\(r.output.utf8.count) bytes of output")
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test("a 20 MB param value in a params file makes a short error (item 9)")
    func hugeParamValue() throws {
        let dir = try CLI.workspace([
            "p.lua": """
            recipe { description = "number param", params = { n = { type = "number", required = true } } }
            stage("s", function() end)
            """
        ])
        let file = dir.appendingPathComponent("params.json")
        try Data("{\"n\": \"\(String(repeating: "9x", count: 10_000_000))\"}".utf8).write(to: file)
        let r = try CLI.run(["run", "p", "--params-file", file.path], in: dir)
        #expect(r.status == 2)
        #expect(r.output.contains("… (20000000 bytes)"))
        #expect(r.output.utf8.count < 64_000, "\(r.output.utf8.count) bytes of output")
    }
}

/// Control characters from outside never reach the terminal raw (issue 21, item 8).
@Suite("Output hardening: control characters are escaped")
struct ControlCharacterTests {
    static let hostile = "\u{1b}]0;evil\u{7}\u{1b}[2Kforged\u{9b}2J"

    @Test(
        "a params-file value with OSC/CSI sequences, logged, printed in the summary and failed with, stays escaped",
        arguments: ["plain", "json", "text"])
    func paramsFile(format: String) throws {
        let dir = try CLI.workspace([
            "e.lua": """
            recipe { description = "echoes a param", params = { n = { required = true } } }
            stage("echo " .. params.n, function()
              log.info("got " .. params.n, { v = params.n })
              fail("bad " .. params.n)
            end)
            """
        ])
        let file = dir.appendingPathComponent("params.json")
        try JSONSerialization.data(withJSONObject: ["n": Self.hostile]).write(to: file)
        let logFile = dir.appendingPathComponent("run.log").path
        let r = try CLI.run(["run", "e", "--params-file", file.path, "--log-format", format, "--log-file", logFile], in: dir)
        #expect(r.status == 1, "\(r.output)")
        let logged = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
        for text in [r.stderr, logged] {
            #expect(!text.contains("\u{1b}]"), "\(text.debugDescription)")
            #expect(!text.contains("\u{1b}[2K"), "\(text.debugDescription)")
            #expect(!text.contains("\u{7}") && !text.contains("\u{9b}"), "\(text.debugDescription)")
            if format != "text" { #expect(!text.contains("\u{1b}"), "\(text.debugDescription)") }
        }
        #expect(r.stderr.contains("]0;evil"), "the text is shown, escaped: \(r.stderr.debugDescription)")
    }

    @Test("a bad command-line value with an escape sequence is quoted escaped in the usage error")
    func usageError() throws {
        let r = try CLI.run(["exec", "-e", "1", "--timeout", "\u{1b}]0;evil\u{7}"])
        #expect(r.status == 2, "\(r.output)")
        #expect(!r.output.contains("\u{1b}") && !r.output.contains("\u{7}"), "\(r.output.debugDescription)")
    }
}
