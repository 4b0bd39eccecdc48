import Foundation
import Testing

/// Seconds from a recipe are checked where they enter: NaN, infinities and negatives are argument errors
/// naming the function, never a crash converting them or a wait that cannot end (the bridge fuzz found
/// `rm:hold(app, "RUNNING", 0/0, {progress=true})` crashing on `Int(nan)`).
@Suite("durations from Lua are finite and not negative")
struct DurationArgumentTests {
    @Test(
        "rm:hold and sleep refuse NaN, ±inf and negative seconds with an argument error",
        arguments: ["0/0", "math.huge", "-math.huge", "-1"])
    func refused(_ seconds: String) throws {
        let lua = """
            local rm = yarn.connect()
            local app = yarn.find_app{name='Aggregator'}
            local ok1, e1 = pcall(rm.hold, rm, app, 'RUNNING', \(seconds), {progress=true})
            local ok2, e2 = pcall(rm.hold, rm, app, 'RUNNING', \(seconds))
            local ok3, e3 = pcall(sleep, \(seconds))
            return ok1, tostring(e1), ok2, tostring(e2), ok3, tostring(e3)
            """
        let r = try CLI.run(["exec", "--sandbox", "-e", lua])
        #expect(r.status == 0, "\(r.output)")
        let values = r.stdout.trimmingCharacters(in: .newlines).split(separator: "\t").map(String.init)
        #expect(values.count == 6, "\(r.stdout)")
        guard values.count == 6 else { return }
        #expect(values[0] == "false" && values[2] == "false" && values[4] == "false", "\(r.stdout)")
        #expect(values[1].contains("rm:hold: argument #3 (seconds) expected a finite number >= 0"), "\(values[1])")
        #expect(values[3].contains("rm:hold: argument #3 (seconds) expected a finite number >= 0"), "\(values[3])")
        #expect(values[5].contains("sleep: argument #1 (seconds) expected a finite number >= 0"), "\(values[5])")
    }
}
