import Foundation
import Testing

/// A run must end with its summary whatever its Lua code does: a deadline or a signal ends it
/// even inside a `__gc` finalizer (which Lua runs with hooks off), and signals that arrive as
/// one burst count as one.
@Suite("stuck runs and signal bursts end with a summary")
struct StuckRunTests {
    static let spinningFinalizer = "setmetatable({}, {__gc = function() while true do end end}) collectgarbage()"

    /// Runs the binary, killing it (so that the test fails instead of hanging) after `limit` seconds.
    static func run(
        _ arguments: [String], in directory: URL? = nil, limit: Double = 30,
        then signals: ((Process) -> Void)? = nil
    ) throws -> (CLIResult, Double) {
        let started = Date()
        let result = try CLI.run(arguments, in: directory) { process in
            let pid = process.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + limit) { if process.isRunning { kill(pid, SIGKILL) } }
            signals?(process)
        }
        return (result, Date().timeIntervalSince(started))
    }

    /// A C call (the pattern matcher) that backtracks for hours: no hook runs inside it either.
    static let slowPatternMatch = #"return string.find(string.rep("a", 100000), ".-.-.-.-b")"#

    @Test(
        "exec --timeout 2 ends code the count hook cannot stop (a finalizer, a long C call): exit 3 with the summary, within seconds",
        arguments: [spinningFinalizer, slowPatternMatch])
    func deadlineEndsFinalizer(code: String) throws {
        let (r, elapsed) = try Self.run(["exec", "--timeout", "2", "-e", code])
        #expect(r.status == 3, "\(r.output)")
        #expect(r.stderr.contains("summary: exec DEADLINE EXCEEDED"), "\(r.output)")
        #expect(r.stderr.contains("did not stop within 2 s"), "\(r.output)")
        #expect(elapsed < 10, "took \(elapsed) s")
    }

    @Test("a recipe stuck in a finalizer inside a stage: the deadline names the stage and keeps the audit trail")
    func deadlineNamesStage() throws {
        let dir = try CLI.workspace([
            "stuck.lua": """
            recipe { description = "stuck" }
            stage("spin", function() \(Self.spinningFinalizer) end)
            """
        ])
        let (r, elapsed) = try Self.run(["run", "stuck", "--timeout", "2"], in: dir)
        #expect(r.status == 3, "\(r.output)")
        #expect(r.stderr.contains("deadline of 2 s exceeded during stage 'spin'"), "\(r.output)")
        #expect(r.stderr.contains("STOP spin"), "\(r.output)")
        #expect(r.stderr.contains("mutations: none"), "\(r.output)")
        #expect(elapsed < 10, "took \(elapsed) s")
    }

    @Test(
        "two SIGTERMs microseconds apart (timeout(1) signals the process, then its group) count as one: full summary, exit 130, stage named"
    )
    func burstIsOneSignal() throws {
        let dir = try CLI.workspace(["slow.lua": "recipe { description = 'x' }\nstage('waiting', function() sleep(30) end)\n"])
        let (r, elapsed) = try Self.run(["run", "slow"], in: dir) { process in
            Thread.sleep(forTimeInterval: 1.0)
            kill(process.processIdentifier, SIGTERM)
            kill(process.processIdentifier, SIGTERM)
        }
        #expect(r.status == 130, "\(r.output)")
        #expect(r.stderr.contains("interrupted by SIGTERM during stage 'waiting'"), "\(r.output)")
        #expect(r.stderr.contains("summary: slow INTERRUPTED"), "\(r.output)")
        #expect(r.stderr.contains("STOP waiting"), "\(r.output)")
        #expect(elapsed < 10, "took \(elapsed) s")
    }

    @Test("a second signal after the burst window exits at once, printing what the run is doing now and its summary so far")
    func laterSignalExitsAtOnce() throws {
        let dir = try CLI.workspace([
            "stuck.lua": """
            recipe { description = "stuck" }
            stage("spin", function() \(Self.spinningFinalizer) end)
            """
        ])
        let (r, elapsed) = try Self.run(["run", "stuck"], in: dir) { process in
            Thread.sleep(forTimeInterval: 1.0)
            kill(process.processIdentifier, SIGTERM)
            Thread.sleep(forTimeInterval: 1.3)
            kill(process.processIdentifier, SIGTERM)
        }
        #expect(r.status == 130, "\(r.output)")
        #expect(r.stderr.contains("now: stuck in stage 'spin'"), "\(r.output)")
        #expect(r.stderr.contains("interrupted again by SIGTERM"), "\(r.output)")
        #expect(r.stderr.contains("summary: stuck INTERRUPTED"), "\(r.output)")
        #expect(elapsed < 10, "took \(elapsed) s")
    }
}
