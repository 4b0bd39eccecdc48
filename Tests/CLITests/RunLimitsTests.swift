import Foundation
import Testing

/// Command-line values that are accepted today but make no sense are refused up front (exit 2).
@Suite("--timeout bounds and params-file duplicates")
struct RunLimitsTests {
    @Test(
        "--timeout that is infinite, not a number, not positive or absurdly large is a usage error",
        arguments: ["inf", "nan", "-1", "0", "1e300", "604801"])
    func timeoutRefused(value: String) throws {
        for command in [["exec", "--timeout", value, "-e", "return 1"], ["exec", "--timeout=\(value)", "-e", "return 1"]] {
            let r = try CLI.run(command)
            #expect(r.status == 2, "\(command): \(r.output)")
            // ArgumentParser reads a separate "-1" as an option: it refuses it as a missing value.
            if !command.contains("-1") {
                #expect(r.stderr.contains("--timeout must be a number of seconds above 0 and at most 604800"), "\(command): \(r.output)")
            }
        }
        let dir = try CLI.workspace(["p.lua": "recipe { description = 'x' }\nprint('RAN')\n"])
        let r = try CLI.run(["run", "p", "--timeout", value], in: dir)
        #expect(r.status == 2, "\(r.output)")
        #expect(!r.stdout.contains("RAN"))
    }

    @Test("a recipe{} timeout out of bounds is a problem check reports")
    func recipeTimeoutRefused() throws {
        let dir = try CLI.workspace(["p.lua": "recipe { description = 'x', timeout = math.huge }\n"])
        let r = try CLI.run(["check"], in: dir)
        #expect(r.status != 0)
        #expect(r.output.contains("recipes/p.lua: recipe{} timeout must be a number of seconds above 0"), "\(r.output)")
    }

    @Test("a JSON params file naming a param twice is refused naming it, escaped spellings included")
    func duplicateKeys() throws {
        let dir = try CLI.workspace([
            "p.lua": """
            recipe { description = "x", params = { app = { required = true }, n = { type = "integer", default = 1 } } }
            print("RAN " .. params.app)
            """
        ])
        let file = dir.appendingPathComponent("params.json")
        for body in [
            #"{"app": "first", "n": 2, "app": "second"}"#, #"{"app": "first", "\u0061pp": "second"}"#,
            #"{"tags": ["app", "x"], "app": "a", "app": "b"}"#,
        ] {
            try body.write(to: file, atomically: true, encoding: .utf8)
            let r = try CLI.run(["run", "p", "--params-file", file.path], in: dir)
            #expect(r.status == 2, "\(body): \(r.output)")
            #expect(r.stderr.contains("param 'app' given twice"), "\(body): \(r.output)")
            #expect(!r.stdout.contains("RAN"), "\(body)")
        }
        try #"{"app": "one, \"app\": 2", "n": 2}"#.write(to: file, atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", "p", "--params-file", file.path], in: dir)
        #expect(r.status == 0, "\(r.output)")
        #expect(r.stdout.contains(#"RAN one, "app": 2"#), "\(r.output)")
    }
}
