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
        let dir = try CLI.workspace(["p.lua": """
        recipe { description = "number param", params = { n = { type = "number", required = true } } }
        stage("s", function() end)
        """])
        let file = dir.appendingPathComponent("params.json")
        try Data("{\"n\": \"\(String(repeating: "9x", count: 10_000_000))\"}".utf8).write(to: file)
        let r = try CLI.run(["run", "p", "--params-file", file.path], in: dir)
        #expect(r.status == 2)
        #expect(r.output.contains("… (20000000 bytes)"))
        #expect(r.output.utf8.count < 64_000, "\(r.output.utf8.count) bytes of output")
    }
}
