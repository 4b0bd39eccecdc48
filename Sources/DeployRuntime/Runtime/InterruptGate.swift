import Foundation
import SparkDeployCore
import Synchronization

/// Holds back SIGINT/SIGTERM while a run is inside a critical section (`critical(what, fn)`).
///
/// A deploy that has stopped the old application must submit the new one before it stops,
/// or the stream stays down until the next run. While any run of the process has a critical
/// section open, ``interrupt(_:root:)`` does not cancel that run: it logs that the signal is
/// held back and records it; when the run's outermost section ends (normally or by an error)
/// its token is cancelled with ``CancellationReason/deferredSignal(name:until:)``, so the run
/// stops at its next safe point. Runs with no section open (other fan-out targets) stop at once.
///
/// Only signals go through the gate. The deadline (`--timeout`) cancels the token directly and
/// is never deferred: it is the user's hard bound on the whole run, and a section that hangs
/// must not be able to outlive it. A second signal after the burst window still exits at once
/// (the CLI's signal handler), critical section or not.
public final class InterruptGate: Sendable {
    /// One registered run: its token, its log and the critical sections it has open, outermost first.
    private struct Member {
        var token: CancellationToken
        var log: RunLog
        var sections: [String] = []
    }

    /// A signal held back: what it was and the token it would have cancelled.
    private struct Pending {
        var name: String
        var root: CancellationToken
        var during: String
    }

    private struct State {
        var members: [Int: Member] = [:]
        var nextID = 1
        var pending: Pending?
    }

    private let state = Mutex(State())

    /// Creates a gate with no run registered.
    public init() {}

    /// What ``interrupt(_:root:)`` did with a signal.
    public enum Decision: Sendable, Equatable {
        /// No critical section was open: the root token was cancelled.
        case cancelledNow
        /// A critical section (`during`, the outermost open one) was open: the signal waits for it.
        case deferred(during: String)
    }

    /// Whether a signal is being held back for a critical section (fan-out starts no new target then).
    public var isHoldingSignal: Bool { state.withLock { $0.pending != nil } }

    /// Routes signal `name` (SIGINT, SIGTERM): cancels `root` at once unless a registered run has a
    /// critical section open; then runs without an open section are cancelled at once, the others
    /// are told (a warning on their log) and cancelled when their outermost section ends.
    @discardableResult
    public func interrupt(_ name: String, root: CancellationToken) -> Decision {
        let (decision, toCancel, toWarn) = state.withLock { state -> (Decision, [CancellationToken], [(RunLog, String)]) in
            let open = state.members.keys.sorted().compactMap { id in state.members[id].flatMap { $0.sections.first } }
            guard let during = open.first else { return (.cancelledNow, [root], []) }
            if state.pending == nil { state.pending = Pending(name: name, root: root, during: during) }
            var cancel: [CancellationToken] = []
            var warn: [(RunLog, String)] = []
            for member in state.members.values {
                if let outermost = member.sections.first { warn.append((member.log, outermost)) } else { cancel.append(member.token) }
            }
            return (.deferred(during: during), cancel, warn)
        }
        for token in toCancel { token.cancel(.signal(name: name)) }
        for (log, what) in toWarn {
            log.log(.warning, "\(name) received during \(what): finishing it first, then stopping; send it again to exit at once")
        }
        return decision
    }

    /// Logs, on the log of each run inside a critical section, that the process exits at once
    /// (second `signal`) without finishing it: the exit hook the CLI registers (``ExitHooks``).
    public func reportUnfinished(signal: String) {
        let open = state.withLock { state in
            state.members.keys.sorted().compactMap { id in state.members[id] }.filter { !$0.sections.isEmpty }
        }
        for member in open {
            let sections = member.sections.map { "'\($0)'" }.joined(separator: " > ")
            member.log.log(.error, "exiting at once on a second \(signal) inside critical section \(sections): it did not finish")
        }
    }

    /// Registers a run whose critical sections this gate tracks. A run registered while a
    /// signal is held back is cancelled at once (the process is stopping).
    func register(token: CancellationToken, log: RunLog) -> Int {
        let (id, pending) = state.withLock { state -> (Int, Pending?) in
            let id = state.nextID
            state.nextID += 1
            state.members[id] = Member(token: token, log: log)
            return (id, state.pending)
        }
        if let pending { token.cancel(.signal(name: pending.name)) }
        return id
    }

    /// Forgets run `id` (it ended, or was abandoned with sections still open); a held signal
    /// then cancels the root token once no run has a section open.
    func unregister(_ id: Int) {
        let release = state.withLock { state -> Pending? in
            state.members[id] = nil
            return Self.releasable(state)
        }
        if let release { release.root.cancel(.deferredSignal(name: release.name, until: release.during)) }
    }

    /// Run `id` entered critical section `what`.
    func enter(_ id: Int, _ what: String) {
        state.withLock { state in state.members[id]?.sections.append(what) }
    }

    /// Run `id` left its innermost critical section. When that was its outermost one and a
    /// signal is held back, the run's token is cancelled (and the root's, once no run has a
    /// section open).
    func leave(_ id: Int) {
        let (own, release) = state.withLock { state -> ((CancellationToken, CancellationReason)?, Pending?) in
            guard var member = state.members[id], let outermost = member.sections.first else { return (nil, nil) }
            member.sections.removeLast()
            state.members[id] = member
            guard member.sections.isEmpty, let pending = state.pending else { return (nil, nil) }
            return ((member.token, .deferredSignal(name: pending.name, until: outermost)), Self.releasable(state))
        }
        if let (token, reason) = own { token.cancel(reason) }
        if let release { release.root.cancel(.deferredSignal(name: release.name, until: release.during)) }
    }

    /// The critical sections run `id` has open, outermost first.
    func sections(of id: Int) -> [String] { state.withLock { $0.members[id]?.sections ?? [] } }

    /// The held signal, once no registered run has a critical section open.
    private static func releasable(_ state: State) -> Pending? {
        guard let pending = state.pending, state.members.values.allSatisfy({ $0.sections.isEmpty }) else { return nil }
        return pending
    }
}
