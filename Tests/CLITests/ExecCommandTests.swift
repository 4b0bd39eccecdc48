import Foundation
import Testing

@Suite("sparkdeploy exec")
struct ExecCommandTests {
    @Test("print(1+1) prints 2 and exits 0")
    func printsTwo() throws {
        let r = try CLI.run(["exec", "-e", "print(1+1)"])
        #expect(r.status == 0)
        #expect(r.stdout == "2\n")
    }

    @Test("returned values are printed")
    func returnsValues() throws {
        let r = try CLI.run(["exec", "-e", "return 1, 'x', {a = 1}"])
        #expect(r.stdout == "1\tx\t{\"a\":1}\n")
    }

    @Test("a syntax error exits 2 naming the chunk and line")
    func syntaxError() throws {
        let r = try CLI.run(["exec", "-e", "local x = \n = 2"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("(command line):2:"))
    }

    @Test("an infinite loop with --timeout 2 exits 3 in about 2 s")
    func deadline() throws {
        let started = Date()
        let r = try CLI.run(["exec", "--timeout", "2", "-e", "while true do end"])
        let elapsed = Date().timeIntervalSince(started)
        #expect(r.status == 3)
        #expect(r.stderr.contains("deadline of 2 s exceeded"))
        #expect(elapsed >= 1.9 && elapsed < 6, "took \(elapsed) s")
    }

    @Test("allocating past --memory-limit fails cleanly with exit 1")
    func memoryLimit() throws {
        let r = try CLI.run(["exec", "--memory-limit", "16", "-e", "local t = {} for i = 1, 1e9 do t[i] = ('x'):rep(64) .. i end"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("memory limit of 16 MiB exceeded"))
    }

    @Test("the sandbox hides os.execute and io.popen, even with --allow-exec (exec.run is the way)")
    func sandbox() throws {
        let closed = try CLI.run(["exec", "-e", "return os.execute == nil"])
        #expect(closed.stdout == "true\n")
        let allowed = try CLI.run(["exec", "--allow-exec", "-e", "return os.execute == nil and (io == nil or io.popen == nil)"])
        #expect(allowed.stdout == "true\n")
    }
}
