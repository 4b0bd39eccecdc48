import Foundation
import LuaHost
import Synchronization
import Testing

@Suite("Memory cap and cancellation stop runaway recipes")
struct LimitsTests {
    @Test("allocating past the cap fails with a clear message and the state survives")
    func memoryCap() throws {
        let (message, after) = try withLuaState(memoryLimit: 8 << 20) { state -> (String, [LuaValue]) in
            var message = ""
            do {
                try state.run("local t = {} for i = 1, 1e8 do t[i] = string.rep('x', 100) .. i end", chunkName: "@m.lua", sandboxed: true)
            } catch let e as LuaError { message = e.message }
            let after = try state.run("collectgarbage() return 1 + 1", chunkName: "=after", sandboxed: true)
            return (message, after)
        }
        #expect(message == "memory limit of 8 MiB exceeded")
        #expect(after == [.integer(2)])
    }

    @Test("an infinite loop stops when cancelled from another thread, even under pcall")
    func cancelLoop() throws {
        let started = Date()
        let error = try withLuaState { state -> LuaError? in
            let canceller = state.canceller
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { canceller.cancel(message: "deadline of 0.3 s exceeded") }
            do {
                try state.run("while true do pcall(function() while true do end end) end", chunkName: "@loop.lua", sandboxed: true);
                return nil
            } catch let e as LuaError { return e }
        }
        #expect(error?.kind == .cancelled)
        #expect(error?.message.contains("deadline of 0.3 s exceeded") == true)
        #expect(Date().timeIntervalSince(started) < 5)
    }

    /// A host call can see a cancellation (its wait woke on the run's token) before the token's
    /// observer has flagged the Lua state. Its error must still carry the reason, and the state
    /// must stay cancelled: a later pcall cannot swallow it, nor can a later host call run.
    /// Before the fix the trampoline raised an empty message and the next host call ran.
    @Test("a host call that throws a cancellation cancels the state with its reason")
    func hostCancellationIsSticky() throws {
        let ran = Mutex(0)
        let modules: @Sendable () -> [HostModule] = {
            [
                HostModule(
                    name: "t", doc: "",
                    functions: [
                        HostFunction(FunctionSpec(module: "t", name: "wait", doc: "")) { _ in
                            throw HostError(kind: .cancelled, message: "interrupted by SIGTERM")
                        },
                        HostFunction(FunctionSpec(module: "t", name: "after", doc: "")) { _ in
                            ran.withLock { $0 += 1 }
                            return []
                        },
                    ])
            ]
        }
        let error = try withLuaState(modules: modules) { state -> LuaError? in
            do {
                try state.run("local ok, e = pcall(t.wait); t.after()", chunkName: "@stop.lua", sandboxed: true)
                return nil
            } catch let e as LuaError { return e }
        }
        #expect(error?.kind == .cancelled)
        #expect(error?.message.contains("interrupted by SIGTERM") == true, "\(String(describing: error?.message))")
        #expect(ran.withLock { $0 } == 0)
    }
}
