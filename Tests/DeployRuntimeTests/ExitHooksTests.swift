import DeployRuntime
import Foundation
import Synchronization
import Testing

/// Exit-at-once hooks run in order, each within its budget: a hook that hangs cannot keep the
/// process from exiting.
@Suite("exit-at-once hooks")
struct ExitHooksTests {
    @Test("hooks get the event in registration order; a hanging one is left behind within its budget and the rest still run")
    func hangingHookIsLeftBehind() {
        let hooks = ExitHooks()
        let seen = Mutex<[String]>([])
        hooks.register("first") { event in seen.withLock { $0.append("first \(event.signal) \(event.now.joined())") } }
        hooks.register("hangs") { _ in Thread.sleep(forTimeInterval: 30) }
        let removed = hooks.register("removed") { _ in seen.withLock { $0.append("removed") } }
        hooks.register("last") { event in seen.withLock { $0.append("last \(event.reason)") } }
        hooks.remove(removed)
        let started = Date()
        let late = hooks.run(
            ExitHooks.Event(
                signal: "SIGTERM", reason: "interrupted again by SIGTERM: exited at once",
                now: ["now: x in stage 'submit' (inside critical section 'swap')"]),
            perHook: 0.3, total: 2)
        let elapsed = Date().timeIntervalSince(started)
        #expect(late == ["hangs"])
        #expect(elapsed < 1.5, "took \(elapsed) s")
        #expect(
            seen.withLock { $0 } == [
                "first SIGTERM now: x in stage 'submit' (inside critical section 'swap')",
                "last interrupted again by SIGTERM: exited at once",
            ])
    }

    @Test("all hooks together never take longer than the total budget")
    func totalBudgetBoundsTheExit() {
        let hooks = ExitHooks()
        for index in 0..<5 { hooks.register("hang \(index)") { _ in Thread.sleep(forTimeInterval: 30) } }
        let started = Date()
        let late = hooks.run(ExitHooks.Event(signal: "SIGINT", reason: "r", now: []))
        let elapsed = Date().timeIntervalSince(started)
        #expect(late.count == 5)
        #expect(elapsed < ExitHooks.totalBudget + 0.5, "took \(elapsed) s")
    }
}
