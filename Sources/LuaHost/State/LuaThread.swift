import Foundation
import Synchronization

/// Runs work on a dedicated thread that is not a Swift-concurrency worker: the only place a
/// `lua_State` lives and the only place blocking waits happen.
public enum LuaThread {
    /// Runs `body` on a new thread (8 MiB stack) and blocks the caller until it returns.
    ///
    /// Call from a plain thread (e.g. `main`). From async code, use ``run(_:)-async`` instead.
    public static func runBlocking<T: Sendable>(name: String = "sparkdeploy.lua", _ body: @escaping @Sendable () -> T) -> T {
        let box = Mutex<T?>(nil)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            let value = body()
            box.withLock { $0 = value }
            done.signal()
        }
        thread.name = name
        thread.stackSize = 8 << 20
        thread.start()
        done.wait()
        guard let value = box.withLock({ $0 }) else {
            preconditionFailure("the Lua thread signalled completion without a result")
        }
        return value
    }

    /// Runs `body` on a new dedicated thread (8 MiB stack) and returns at once, for a caller that
    /// waits in its own way (e.g. with a deadline after which it stops waiting).
    public static func start(name: String = "sparkdeploy.lua", _ body: @escaping @Sendable () -> Void) {
        let thread = Thread { body() }
        thread.name = name
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Runs `body` on a new dedicated thread and suspends (without blocking a worker) until it returns.
    public static func run<T: Sendable>(name: String = "sparkdeploy.lua", _ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: body())
            }
            thread.name = name
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}
