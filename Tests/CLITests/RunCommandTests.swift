import Foundation
import Testing

@Suite("sparkdeploy run, check, describe")
struct RunCommandTests {
    static let good = """
        recipe {
          description = "a test recipe",
          params = {
            app = { required = true, help = "the app name" },
            settle = { type = "number", default = 60 },
            mode = { choices = { "fast", "safe" }, default = "safe" },
          },
        }
        print("BODY RAN")
        stage("one", function() log.info("hello", { app = params.app, settle = params.settle }) end)
        """

    @Test("a good recipe runs its stages and prints a summary")
    func happy() throws {
        let dir = try CLI.workspace(["good.lua": Self.good])
        let r = try CLI.run(["run", "good", "-p", "app=Agg"], in: dir)
        #expect(r.status == 0, "\(r.output)")
        #expect(r.stdout.contains("BODY RAN"))
        #expect(r.stderr.contains("app=Agg"))
        #expect(r.stderr.contains("summary: good succeeded"))
        #expect(r.stderr.contains("ok   one"))
    }

    @Test("missing and mistyped params are all listed before the body runs")
    func badParams() throws {
        let dir = try CLI.workspace(["good.lua": Self.good])
        let r = try CLI.run(["run", "good", "-p", "settle=soon", "-p", "mode=yolo", "-p", "ap=x"], in: dir)
        #expect(r.status == 2)
        #expect(!r.stdout.contains("BODY RAN"))
        #expect(r.stderr.contains("missing required param 'app' (the app name)"))
        #expect(r.stderr.contains("param 'settle': expected number, got 'soon'"))
        #expect(r.stderr.contains("param 'mode': 'yolo' is not one of fast, safe"))
        #expect(r.stderr.contains("unknown param 'ap' (did you mean 'app'?)"))
    }

    @Test(
        "command-line mistakes exit 2 (the documented usage code) with ArgumentParser's message",
        arguments: [
            (["run", "good", "--bogus"], "Unknown option '--bogus'"),
            (["exec", "-e", "return 1", "--timeout", "0"], "--timeout must be a number of seconds above 0"),
            (["run", "good", "--parallel", "2"], "--parallel and --fail-fast apply to a fan-out"),
            (["exec"], "give -e CODE or a Lua file"),
        ])
    func commandLineMistakes(arguments: [String], message: String) throws {
        let dir = try CLI.workspace(["good.lua": Self.good])
        let r = try CLI.run(arguments, in: dir)
        #expect(r.status == 2, "\(r.output)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(!r.stdout.contains("BODY RAN"))
    }

    @Test("a syntax error fails check and run with file:line and exit 2")
    func syntax() throws {
        let dir = try CLI.workspace(["broken.lua": "recipe { description = 'x' }\nlocal = 3\n", "good.lua": Self.good])
        let check = try CLI.run(["check"], in: dir)
        #expect(check.status == 2)
        #expect(check.stdout.contains("recipes/broken.lua:2:"))
        let run = try CLI.run(["run", "broken"], in: dir)
        #expect(run.status == 2)
        #expect(run.stderr.contains("recipes/broken.lua:2:"))
    }

    @Test("check passes on valid recipes and reports helper syntax errors")
    func checkLib() throws {
        let dir = try CLI.workspace(["good.lua": Self.good, "lib/util.lua": "return {"])
        let r = try CLI.run(["check"], in: dir)
        #expect(r.status == 2)
        #expect(r.stdout.contains("recipes/lib/util.lua:1:"))
    }

    @Test("a runtime error exits 1 naming the recipe file and line; with -v a traceback")
    func runtimeError() throws {
        let dir = try CLI.workspace(["bad.lua": "recipe { description = 'x' }\nlocal function f()\n  error('kaput')\nend\nstage('s', f)\n"])
        let r = try CLI.run(["run", "bad"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("error: recipes/bad.lua:3: kaput"))
        #expect(!r.stderr.contains("stack traceback:"))
        #expect(r.stderr.contains("FAIL s"))
        let verbose = try CLI.run(["run", "bad", "-v"], in: dir)
        #expect(verbose.stderr.contains("stack traceback:"))
        #expect(verbose.stderr.contains("recipes/bad.lua:5"))
    }

    @Test("an unknown recipe is a usage error with a suggestion")
    func unknown() throws {
        let dir = try CLI.workspace(["good.lua": Self.good])
        let r = try CLI.run(["run", "godo"], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("did you mean 'good'?"))
    }

    @Test("SIGTERM during sleep exits 130 naming the stage")
    func sigterm() throws {
        let dir = try CLI.workspace(["slow.lua": "recipe { description = 'x' }\nstage('waiting', function() sleep(30) end)\n"])
        let started = Date()
        let r = try CLI.run(["run", "slow"], in: dir) { process in
            Thread.sleep(forTimeInterval: 1.0)
            kill(process.processIdentifier, SIGTERM)
        }
        #expect(r.status == 130)
        #expect(r.stderr.contains("interrupted by SIGTERM during stage 'waiting'"))
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test("require loads shared helpers from recipes/lib")
    func requireLib() throws {
        let dir = try CLI.workspace([
            "uses.lua": "recipe { description = 'x' }\nlocal util = require('team.util')\nprint(util.double(21))\n",
            "lib/team/util.lua": "local M = {}\nfunction M.double(x) return 2 * x end\nreturn M\n",
        ])
        let r = try CLI.run(["run", "uses"], in: dir)
        #expect(r.status == 0, "\(r.output)")
        #expect(r.stdout.contains("42"))
    }
}
