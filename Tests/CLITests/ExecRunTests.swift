import Foundation
import Testing

/// Issue 20: with `--allow-exec`, processes run only through `exec.run` — dry-run aware, logged,
/// redacted, in the audit trail, with a time limit — and raw `os.execute`/`io.popen` stay closed.
@Suite("exec.run under --allow-exec")
struct ExecRunTests {
    static let recipe = """
        recipe { description = 'x', params = { path = { type = 'string' } } }
        print('os.execute', os.execute == nil and 'closed' or 'open')
        print('io.popen', (io == nil or io.popen == nil) and 'closed' or 'open')
        local r = exec.run { cmd = 'touch', args = { params.path } }
        print('touch', r.code, r.dry_run)
        local e = exec.run { cmd = 'echo', args = { 'token=hunter2-secret-value' } }
        print('echo', e.code, e.output)
        """

    @Test("--allow-exec: os.execute and io.popen closed; exec.run runs, redacts and is a mutation")
    func runs() throws {
        let path = NSTemporaryDirectory() + "exec-\(UUID().uuidString)"
        let dir = try CLI.workspace(["x.lua": Self.recipe])
        let r = try CLI.run(["run", "x", "--allow-exec", "-p", "path=\(path)"], in: dir)
        #expect(r.status == 0, "\(r.output)")
        #expect(r.stdout.contains("os.execute\tclosed"), "\(r.output)")
        #expect(r.stdout.contains("io.popen\tclosed"), "\(r.output)")
        #expect(r.stdout.contains("touch\t0\tfalse"), "\(r.output)")
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(!r.output.contains("hunter2-secret-value"), "output redacted: \(r.output)")
        #expect(r.stderr.contains("mutations:\n  exec.run touch args=\(path)"), "\(r.stderr)")
        try? FileManager.default.removeItem(atPath: path)
    }

    @Test("--dry-run: exec.run only logs what it would run")
    func dryRun() throws {
        let path = NSTemporaryDirectory() + "exec-\(UUID().uuidString)"
        let dir = try CLI.workspace(["x.lua": Self.recipe])
        let r = try CLI.run(["run", "x", "--allow-exec", "--dry-run", "-p", "path=\(path)"], in: dir)
        #expect(r.status == 0, "\(r.output)")
        #expect(r.stdout.contains("touch\t0\ttrue"), "\(r.output)")
        #expect(!FileManager.default.fileExists(atPath: path), "a dry run ran the process")
        #expect(r.stderr.contains("mutations (not performed, dry run):\n  exec.run touch"), "\(r.stderr)")
    }

    @Test("without --allow-exec, exec.run refuses; the time limit kills the process")
    func refusedAndTimedOut() throws {
        let dir = try CLI.workspace([
            "x.lua": Self.recipe,
            "slow.lua": "recipe { description = 'x' }\nexec.run { cmd = 'sleep', args = { '30' }, timeout = 1 }\n",
        ])
        let refused = try CLI.run(["run", "x", "-p", "path=/tmp/never"], in: dir)
        #expect(refused.status == 1, "\(refused.output)")
        #expect(refused.stderr.contains("exec.run: running processes is not allowed (run with --allow-exec)"), "\(refused.stderr)")
        let started = Date()
        let slow = try CLI.run(["run", "slow", "--allow-exec"], in: dir)
        #expect(slow.status == 1, "\(slow.output)")
        #expect(slow.stderr.contains("exec.run: 'sleep' did not finish within 1 s; killed"), "\(slow.stderr)")
        #expect(Date().timeIntervalSince(started) < 10)
    }
}
