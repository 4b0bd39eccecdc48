import Foundation
import SparkDeployCore
import Synchronization

/// Code to run when the process exits at once on a second SIGINT/SIGTERM — so that, say, a lease
/// or a journal can record where the run stopped before the process is gone.
///
/// Hooks run one after another, in the order they were registered, each on a thread of its own
/// with a short budget (``perHookBudget``, and never past ``totalBudget`` for all of them): a
/// hook that hangs is left behind and the process exits anyway, within about
/// ``totalBudget`` seconds of the signal. Hooks must be quick, must not log secrets, and must not
/// wait for the run's Lua thread (it is still running whatever it was doing).
public final class ExitHooks: Sendable {
    /// The process-wide registry the CLI's signal handler runs.
    public static let shared = ExitHooks()

    /// Seconds one hook may take before the next one (or the exit) goes ahead without it.
    public static let perHookBudget: Double = 1
    /// Seconds all hooks together may take.
    public static let totalBudget: Double = 2

    /// Why the process is exiting at once, as the hooks see it.
    public struct Event: Sendable {
        /// The signal that forced the exit (`SIGINT`, `SIGTERM`).
        public var signal: String
        /// The error text the summary shows, e.g. `interrupted again by SIGTERM: exited at once`.
        public var reason: String
        /// What each run was doing (``RunProgress/nowLines()``), naming an open critical section.
        public var now: [String]

        /// Creates an event.
        public init(signal: String, reason: String, now: [String]) {
            self.signal = signal
            self.reason = reason
            self.now = now
        }
    }

    /// A registered hook, to pass to ``remove(_:)``.
    public struct Handle: Sendable, Hashable {
        let id: UInt64
    }

    private struct Hook: Sendable {
        var name: String
        var body: @Sendable (Event) -> Void
    }

    private let hooks = Mutex(Registrations<Hook>())

    /// Creates an empty registry (tests; the CLI uses ``shared``).
    public init() {}

    /// Registers `hook`, named `name` in the warning logged when it overruns its budget.
    @discardableResult
    public func register(_ name: String, _ hook: @escaping @Sendable (Event) -> Void) -> Handle {
        Handle(id: hooks.withLock { $0.add(Hook(name: name, body: hook)) })
    }

    /// Forgets a hook (its run ended, say).
    public func remove(_ handle: Handle) {
        hooks.withLock { $0.remove(handle.id) }
    }

    /// Runs every hook with `event`, in registration order, each within its budget. Returns the
    /// names of the hooks that did not finish in time (left running; the process exits anyway).
    @discardableResult
    public func run(
        _ event: Event, perHook: Double = ExitHooks.perHookBudget,
        total: Double = ExitHooks.totalBudget
    ) -> [String] {
        let hooks = self.hooks.withLock { $0.bodies }
        let deadline = Date(timeIntervalSinceNow: total)
        var late: [String] = []
        for hook in hooks {
            let left = min(perHook, deadline.timeIntervalSinceNow)
            guard left > 0 else {
                late.append(hook.name)
                continue
            }
            let done = DispatchSemaphore(value: 0)
            let body = hook.body
            let thread = Thread {
                body(event)
                done.signal()
            }
            thread.name = "sparkdeploy.exit-hook"
            thread.start()
            if done.wait(timeout: .now() + left) == .timedOut { late.append(hook.name) }
        }
        return late
    }
}
