import Foundation
import LuaHost
import SparkDeployCore
import Synchronization

/// A persistent Lua state on its own thread, fed one chunk at a time (`sparkdeploy repl`).
///
/// The caller (the prompt) owns the terminal; the session owns the state: it evaluates chunks, says when
/// a chunk is incomplete (the standard `lua` REPL's `<eof>` rule), completes names and answers `help`.
/// ``interrupt()`` stops the chunk being evaluated (Ctrl-C) and leaves the state usable.
public final class ReplSession: @unchecked Sendable {
    /// What became of a chunk.
    public enum Reply: Sendable, Equatable {
        /// The chunk ends in the middle of a statement: read another line (prompt `>> `) and submit both.
        case incomplete
        /// The chunk ran (or failed): what to print, and whether it failed.
        case finished(output: String?, failed: Bool)
    }

    private let condition = NSCondition()
    /// Guarded by ``condition``: the work for the Lua thread, and whether it finished.
    private var job: ((ReplEngine?) -> Void)?
    private var jobDone = false
    private var closed = false
    /// The token of the chunk being evaluated, for ``interrupt()`` (from a signal handler's thread).
    private let running = Mutex<CancellationToken?>(nil)

    /// Starts the session's thread and state.
    public init(configuration: RunConfiguration) {
        let thread = Thread { [self] in self.loop(configuration) }
        thread.name = "sparkdeploy.repl"
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Evaluates `chunk` (one line, or the lines of an incomplete chunk joined with newlines). With
    /// `atEnd` (no more input will come), an incomplete chunk is reported as the syntax error it is.
    /// `whenInterruptible` is called once ``interrupt()`` reaches the chunk (the prompt turns Ctrl-C back into
    /// SIGINT there). Blocks until done.
    public func submit(_ chunk: String, atEnd: Bool = false, whenInterruptible: () -> Void = {}) -> Reply {
        let token = CancellationToken()
        running.withLock { $0 = token }
        whenInterruptible()
        defer { running.withLock { $0 = nil } }
        let reply = perform { engine -> Reply in
            guard let engine else { return .finished(output: self.startupProblem, failed: true) }
            return engine.evaluate(chunk, atEnd: atEnd, token: token)
        }
        return reply ?? .finished(output: "the REPL session has ended", failed: true)
    }

    /// The completions of `word` (the identifier characters, dots and colons before the cursor): globals,
    /// fields of the table it names, registered `module.function` and `Class:method` names, Lua keywords.
    /// Sorted, unique, each a full replacement for `word`.
    public func completions(for word: String) -> [String] {
        perform { engine in engine?.completions(for: word) ?? [] } ?? []
    }

    /// Stops the chunk being evaluated (Ctrl-C): its host call or Lua loop raises "interrupted" at the
    /// next safe point, and the state stays usable. Returns whether a chunk was running.
    @discardableResult
    public func interrupt() -> Bool {
        guard let token = running.withLock({ $0 }) else { return false }
        token.cancel(.other("interrupted"))
        return true
    }

    /// Ends the session.
    public func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    private var startupProblem: String?

    /// Runs `body` on the Lua thread with the engine (nil when the state could not start); nil once closed.
    private func perform<T>(_ body: @escaping (ReplEngine?) -> T) -> T? {
        var result: T?
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return nil }
        job = { engine in result = body(engine) }
        jobDone = false
        condition.broadcast()
        while !jobDone && !closed { condition.wait() }
        return result
    }

    private func loop(_ configuration: RunConfiguration) {
        var engine: ReplEngine?
        do {
            engine = try ReplEngine(configuration: configuration)
        } catch {
            condition.lock()
            startupProblem = "cannot start Lua: \(LuaError.wrap(error).message)"
            condition.unlock()
        }
        while true {
            condition.lock()
            while job == nil && !closed { condition.wait() }
            if closed {
                condition.unlock()
                return
            }
            let work = job
            job = nil
            condition.unlock()
            work?(engine)
            condition.lock()
            jobDone = true
            condition.broadcast()
            condition.unlock()
        }
    }
}
