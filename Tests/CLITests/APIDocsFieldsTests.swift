import Foundation
import Testing

/// Issue 20's docs points: the generated API shows what recipes really get (YarnApp and Step fields), methods
/// under their class's name (`RM:info()`), and metric keys in snake_case with acronyms kept whole.
@Suite("API docs show the real fields and names")
struct APIDocsFieldsTests {
    @Test("YarnApp and Step records list the fields the tables carry; methods read RM:info(), not rM:info()")
    func fieldsAndNames() throws {
        let r = try CLI.run(["api"])
        #expect(r.status == 0)
        for field in [
            "allocated_mb", "allocated_vcores", "elapsed", "launched_at", "progress", "running_containers", "am_host", "priority",
        ] {
            #expect(r.stdout.contains("- `\(field)`: "), "YarnApp field \(field) missing")
        }
        for field in ["started_at", "ended_at", "failure", "action_on_failure"] {
            #expect(r.stdout.contains("- `\(field)`: "), "Step field \(field) missing")
        }
        #expect(r.stdout.contains("### `RM:info()`"), "\(r.stdout.prefix(0))")
        #expect(!r.stdout.contains("rM:"))
    }

    @Test("yarn.metrics() keys: allocated_mb, total_mb, not allocated_m_b")
    func metricKeys() throws {
        let r = try CLI.run([
            "exec", "--sandbox", "-e",
            "local keys = {} for k in pairs(yarn.metrics()) do keys[#keys + 1] = k end table.sort(keys) return table.concat(keys, ',')",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("allocated_mb"), "\(r.stdout)")
        #expect(r.stdout.contains("total_mb"), "\(r.stdout)")
        #expect(!r.stdout.contains("_m_b"), "\(r.stdout)")
    }

    @Test("an argument error names the method as a recipe writes it: rm:hold, not rM:hold")
    func methodNamesInErrors() throws {
        let r = try CLI.run(["exec", "--sandbox", "-e", "local rm = yarn.connect() rm:hold(42, 'RUNNING', 'soon')"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("rm:hold"), "\(r.stderr)")
        #expect(!r.stderr.contains("rM:"), "\(r.stderr)")
    }
}
