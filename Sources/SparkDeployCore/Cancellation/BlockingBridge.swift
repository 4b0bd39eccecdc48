import Foundation
import Synchronization

/// Runs async Swift work from a plain thread (the recipe's Lua thread) and blocks that thread
/// until the work finishes or `token` is cancelled.
///
/// Only the calling thread blocks; the work itself runs on Swift's cooperative pool, which
/// is never blocked. On cancellation the task is cancelled and the call returns at once with
/// `.cancelled`, so a SIGINT during a slow HTTP call stops the run promptly.
public enum BlockingBridge {
    /// How a blocking call ended.
    public enum Outcome<Success: Sendable>: Sendable {
        /// The work returned a value.
        case success(Success)
        /// The work threw.
        case failure(any Error)
        /// `token` was cancelled first.
        case cancelled(CancellationReason)
    }

    /// Runs `work` to completion on the cooperative pool, blocking the calling thread.
    /// Must not be called from a Swift-concurrency worker thread.
    public static func run<Success: Sendable>(
        token: CancellationToken?,
        _ work: @escaping @Sendable () async throws -> Success
    ) -> Outcome<Success> {
        let box = ResultBox<Success>()
        let task = Task {
            do { box.finish(.success(try await work())) } catch { box.finish(.failure(error)) }
        }
        let observer = token?.onCancel { _ in box.wake() }
        defer { if let observer { token?.removeObserver(observer) } }
        while true {
            if let result = box.wait(seconds: 0.25) {
                switch result {
                case .success(let value): return .success(value)
                case .failure(let error): return .failure(error)
                }
            }
            if let reason = token?.reason {
                task.cancel()
                return .cancelled(reason)
            }
        }
    }
}

private final class ResultBox<Success: Sendable>: Sendable {
    private let value = Mutex<Result<Success, any Error>?>(nil)
    private let condition = NSCondition()

    func finish(_ result: Result<Success, any Error>) {
        value.withLock { $0 = result }
        wake()
    }

    func wake() {
        condition.lock()
        condition.broadcast()
        condition.unlock()
    }

    func wait(seconds: Double) -> Result<Success, any Error>? {
        if let done = value.withLock({ $0 }) { return done }
        condition.lock()
        _ = condition.wait(until: Date(timeIntervalSinceNow: seconds))
        condition.unlock()
        return value.withLock { $0 }
    }
}
