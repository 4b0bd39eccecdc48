import Foundation
import Testing

/// Issue 20: a failed run prints its error once, above the summary, located in the recipe the
/// user ran, without nested locations or runtime internals; tracebacks only with `-v`, and never
/// for a deliberate `fail("…")`.
@Suite("One failure, printed once")
struct OneFailureTests {
    static let helper = "local M = {}\nfunction M.boom() error('disk on fire') end\nreturn M\n"
    static let recipe = """
        recipe { description = 'x' }
        local helper = require('helper')
        stage('work', function()
          helper.boom()
        end)
        """

    /// How many times `needle` occurs in `text`.
    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test("an error in a lib module: once, at the recipe's line, no traceback, no internal names")
    func libraryError() throws {
        let dir = try CLI.workspace(["bad.lua": Self.recipe, "lib/helper.lua": Self.helper])
        let r = try CLI.run(["run", "bad"], in: dir)
        #expect(r.status == 1, "\(r.output)")
        #expect(Self.count("disk on fire", in: r.stderr) == 2, "the error once, and the FAIL stage line: \(r.stderr)")
        #expect(r.stderr.contains("error: recipes/bad.lua:4: disk on fire\n── summary"), "\(r.stderr)")
        #expect(r.stderr.contains("FAIL work ("), "\(r.stderr)")
        #expect(!r.stderr.contains("stack traceback"), "\(r.stderr)")
        #expect(!r.stderr.contains("helper.lua:2"), "no nested location: \(r.stderr)")
        #expect(!r.stderr.contains("prelude:"), "\(r.stderr)")
        #expect(!r.stderr.contains("run failed"), "\(r.stderr)")
    }

    @Test("-v adds the traceback after the error")
    func verboseTraceback() throws {
        let dir = try CLI.workspace(["bad.lua": Self.recipe, "lib/helper.lua": Self.helper])
        let r = try CLI.run(["run", "bad", "-v"], in: dir)
        #expect(r.status == 1, "\(r.output)")
        #expect(r.stderr.contains("error: recipes/bad.lua:4: disk on fire\n"), "\(r.stderr)")
        #expect(r.stderr.contains("stack traceback:"), "\(r.stderr)")
    }

    @Test("a deliberate fail() prints no traceback, even with -v")
    func deliberate() throws {
        let dir = try CLI.workspace([
            "stop.lua": "recipe { description = 'x' }\nstage('check', function()\n  fail('the cluster is not ready')\nend)\n"
        ])
        let r = try CLI.run(["run", "stop", "-v"], in: dir)
        #expect(r.status == 1, "\(r.output)")
        #expect(r.stderr.contains("error: recipes/stop.lua:3: the cluster is not ready\n── summary"), "\(r.stderr)")
        #expect(!r.stderr.contains("stack traceback"), "\(r.stderr)")
    }

    @Test("a failed sandbox redeploy: the cause once, at the recipe's line, no nested lib locations")
    func redeploy() throws {
        let r = try SandboxWhyTests.run("stalled-build")
        #expect(r.status == 1, "\(r.stderr.suffix(3000))")
        let cause = "completed no Spark job or batch in 60 s while RUNNING (1 job running since"
        let beforeSummary = try #require(r.stderr.components(separatedBy: "── summary").first)
        // Once in full above the summary, once in the why: section (the cause it reports).
        #expect(Self.count(cause, in: beforeSummary) == 1, "\(r.stderr.suffix(4000))")
        #expect(beforeSummary.contains("error: recipes/redeploy-streaming.lua:"), "\(r.stderr.suffix(4000))")
        #expect(!r.stderr.contains("lib/deploy.lua:"), "\(r.stderr.suffix(4000))")
        #expect(!r.stderr.contains("stack traceback"), "\(r.stderr.suffix(4000))")
        #expect(!r.stderr.contains("awaitProgress"), "\(r.stderr.suffix(4000))")
    }
}
