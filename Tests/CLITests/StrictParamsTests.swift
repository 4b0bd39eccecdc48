import Foundation
import Testing

/// Issue 20's strict params: an undeclared param is an error where it is read; `check` names lines, every unknown
/// `recipe{}` key and a default outside its choices; a broken or missing `lib` module is a usage error before the
/// run; `run path/to/x.lua` finds its own `lib/`.
@Suite("Strict params and recipe modules")
struct StrictParamsTests {
    @Test("reading params.hodl raises at that line: no such param (did you mean 'hold'?), before the next line runs")
    func undeclaredParam() throws {
        let dir = try CLI.workspace([
            "typo.lua": """
            recipe{ description = "typo", params = { hold = { type = "number", default = 5 }, app = { type = "string" } } }
            log.info("unset declared param reads nil", {app = tostring(params.app)})
            local seconds = params.hodl
            log.info("after the typo")
            """
        ])
        let r = try CLI.run(["run", "typo"], in: dir)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("recipes/typo.lua:3: params.hodl: no such param (did you mean 'hold'?)"), "\(r.stderr)")
        #expect(r.stderr.contains("the recipe declares: app, hold"), "\(r.stderr)")
        #expect(r.stderr.contains("unset declared param reads nil"), "\(r.stderr)")
        #expect(!r.stderr.contains("after the typo"), "\(r.stderr)")
    }

    @Test("check: file:line for a bad param type, every unknown recipe{} key, a default outside its choices")
    func checkProblems() throws {
        let dir = try CLI.workspace([
            "bad.lua": """
            recipe{
              description = "bad",
              params = {
                mode = { type = "string", default = "fast", choices = {"slow", "medium"} },
                count = { type = "integer", default = "three" },
              },
              timout = 3,
              extra = 1,
            }
            """
        ])
        let r = try CLI.run(["check"], in: dir)
        #expect(r.status == 2, "\(r.output)")
        #expect(r.output.contains("recipes/bad.lua:5: param 'count' default is a string"), "\(r.output)")
        #expect(r.output.contains("recipes/bad.lua:4: param 'mode' default 'fast' is not one of its choices: slow, medium"), "\(r.output)")
        #expect(r.output.contains("unknown key 'timout' (did you mean 'timeout'?)"), "\(r.output)")
        #expect(r.output.contains("unknown key 'extra'"), "\(r.output)")
    }

    @Test("a syntax error in a lib module or a missing module is a usage error (exit 2) before the run starts")
    func brokenModules() throws {
        let dir = try CLI.workspace([
            "uses-broken.lua": "recipe{ description = \"b\" }\nlog.info(\"started\")\nlocal m = require(\"broken\")\n",
            "uses-missing.lua": "recipe{ description = \"m\" }\nlog.info(\"started\")\nlocal m = require 'missing.mod'\n",
            "lib/broken.lua": "local x = = 1\n",
        ])
        let broken = try CLI.run(["run", "uses-broken"], in: dir)
        #expect(broken.status == 2, "\(broken.stderr)")
        #expect(broken.stderr.contains("recipes/lib/broken.lua:1:"), "\(broken.stderr)")
        #expect(broken.stderr.contains("required at recipes/uses-broken.lua:3"), "\(broken.stderr)")
        #expect(!broken.stderr.contains("started"), "nothing ran: \(broken.stderr)")
        let missing = try CLI.run(["run", "uses-missing"], in: dir)
        #expect(missing.status == 2, "\(missing.stderr)")
        #expect(missing.stderr.contains("recipes/uses-missing.lua:3: require: module 'missing.mod' not found"), "\(missing.stderr)")
        let check = try CLI.run(["check"], in: dir)
        #expect(check.status == 2)
        #expect(check.output.contains("module 'missing.mod' not found"), "\(check.output)")
    }

    @Test("run path/to/x.lua resolves require from that recipe's own lib/")
    func ownLibrary() throws {
        let dir = try CLI.workspace()
        let other = dir.appendingPathComponent("ops/lib")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try "return { answer = 42 }\n".write(to: other.appendingPathComponent("helper.lua"), atomically: true, encoding: .utf8)
        try "recipe{ description = \"own lib\" }\nlog.info(\"answer\", {answer = require(\"helper\").answer})\n"
            .write(to: dir.appendingPathComponent("ops/x.lua"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", "ops/x.lua"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("answer=42"), "\(r.stderr)")
    }
}
