import Foundation
import Synchronization

/// Why a run was asked to stop.
public enum CancellationReason: Sendable, Equatable, CustomStringConvertible {
    /// The run's deadline (`--timeout`) passed.
    case deadline(seconds: Double)
    /// SIGINT or SIGTERM arrived.
    case signal(name: String)
    /// SIGINT or SIGTERM arrived inside a critical section (`critical(what, fn)`) and was held
    /// back until the section named `until` finished.
    case deferredSignal(name: String, until: String)
    /// Cancelled by the host for another reason.
    case other(String)

    /// A short, human sentence.
    public var description: String {
        switch self {
        case .deadline(let s): return "deadline of \(Self.format(s)) s exceeded"
        case .signal(let n): return "interrupted by \(n)"
        case .deferredSignal(let n, let what): return "interrupted by \(n) (deferred until the \(what) finished)"
        case .other(let m): return m
        }
    }

    private static func format(_ s: Double) -> String {
        s == s.rounded() ? String(Int(s)) : String(s)
    }
}

/// A thread-safe, one-way cancellation flag that blocking waits can sleep on.
///
/// A recipe run owns one. The deadline timer and the signal handler cancel it; every
/// blocking wait on the recipe thread (HTTP calls, sleeps, waiters) wakes up promptly.
public final class CancellationToken: Sendable {
    private struct State {
        var reason: CancellationReason?
        var observers = Registrations<@Sendable (CancellationReason) -> Void>()
    }

    /// An observer added with ``onCancel(_:)``; pass it to ``removeObserver(_:)`` once the
    /// work it guards has ended, or it stays (with whatever it captured) as long as the token.
    public struct Observer: Sendable, Hashable {
        /// Nil for an observer called at once (the token was cancelled already): nothing to remove.
        let id: UInt64?
    }
    private let state = Mutex(State())
    private let condition = NSCondition()

    /// Creates a token that is not cancelled.
    public init() {}

    /// The reason, once cancelled.
    public var reason: CancellationReason? { state.withLock { $0.reason } }
    /// Whether `cancel` was called.
    public var isCancelled: Bool { reason != nil }

    /// Cancels with `reason`; only the first call counts. Wakes every waiter and observer.
    public func cancel(_ reason: CancellationReason) {
        let toNotify = state.withLock { current -> [@Sendable (CancellationReason) -> Void]? in
            if current.reason != nil { return nil }
            current.reason = reason
            return current.observers.removeAll()
        }
        guard let toNotify else { return }
        condition.lock()
        condition.broadcast()
        condition.unlock()
        for observer in toNotify { observer(reason) }
    }

    /// Calls `observer` on cancellation (at once if already cancelled).
    @discardableResult
    public func onCancel(_ observer: @escaping @Sendable (CancellationReason) -> Void) -> Observer {
        let (already, handle) = state.withLock { current -> (CancellationReason?, Observer) in
            if let reason = current.reason { return (reason, Observer(id: nil)) }
            return (nil, Observer(id: current.observers.add(observer)))
        }
        if let already { observer(already) }
        return handle
    }

    /// Forgets `observer` (a finished call's wake-up, say); it will not be called.
    public func removeObserver(_ observer: Observer) {
        guard let id = observer.id else { return }
        state.withLock { $0.observers.remove(id) }
    }

    /// Observers still registered (for leak tests).
    public var observerCount: Int { state.withLock { $0.observers.count } }

    /// Blocks up to `seconds`; returns `true` when the token is (or becomes) cancelled.
    public func wait(seconds: Double) -> Bool {
        let deadline = Date(timeIntervalSinceNow: max(0, seconds))
        condition.lock()
        defer { condition.unlock() }
        while !isCancelled {
            if !condition.wait(until: deadline) { return isCancelled }
        }
        return true
    }
}
