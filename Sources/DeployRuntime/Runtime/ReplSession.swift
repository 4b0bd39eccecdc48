import Foundation
import LuaHost
import SparkDeployCore

/// A persistent Lua state on its own thread, fed one line at a time (`sparkdeploy repl`).
public final class ReplSession: @unchecked Sendable {
    private let condition = NSCondition()
    private var pending: String?
    private var reply: (String?, Bool)?
    private var closed = false

    /// Starts the session's thread and state.
    public init(configuration: RunConfiguration) {
        let thread = Thread { [self] in self.loop(configuration) }
        thread.name = "sparkdeploy.repl"
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Runs one line; returns what to print and whether it failed. Blocks until done.
    public func evaluate(_ line: String) -> (String?, Bool) {
        condition.lock()
        defer { condition.unlock() }
        pending = line
        reply = nil
        condition.broadcast()
        while reply == nil { condition.wait() }
        let result = reply ?? (nil, true)
        reply = nil
        return result
    }

    /// Ends the session.
    public func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    private func loop(_ configuration: RunConfiguration) {
        let context = RecipeRunner.makeContext(configuration, token: configuration.token)
        let state: LuaState
        do {
            state = try RecipeRunner.prepareState(configuration, context: context)
            state.setSandboxGlobal("params", .map([:]))
        } catch {
            respondForever("cannot start Lua: \(LuaError.wrap(error).message)")
            return
        }
        while true {
            condition.lock()
            while pending == nil && !closed { condition.wait() }
            if closed { condition.unlock(); return }
            let line = pending ?? ""
            pending = nil
            condition.unlock()
            let answer = run(line, in: state)
            condition.lock()
            reply = answer
            condition.broadcast()
            condition.unlock()
        }
    }

    private func run(_ line: String, in state: LuaState) -> (String?, Bool) {
        var code = line
        if code.hasPrefix("=") { code = "return " + code.dropFirst() }
        let function: LuaFunctionRef
        if let asExpression = try? state.load("return " + code, chunkName: "=stdin", sandboxed: true) {
            function = asExpression
        } else {
            do { function = try state.load(code, chunkName: "=stdin", sandboxed: true) } catch {
                return (LuaError.wrap(error).message, true)
            }
        }
        defer { state.release(function) }
        do {
            let results = try state.call(function)
            return (results.isEmpty ? nil : results.map(GlobalsModule.render).joined(separator: "\t"), false)
        } catch {
            return (LuaError.wrap(error).message, true)
        }
    }

    private func respondForever(_ message: String) {
        while true {
            condition.lock()
            while pending == nil && !closed { condition.wait() }
            if closed { condition.unlock(); return }
            pending = nil
            reply = (message, true)
            condition.broadcast()
            condition.unlock()
        }
    }
}
