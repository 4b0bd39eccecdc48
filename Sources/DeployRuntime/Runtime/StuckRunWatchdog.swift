import Foundation
import SparkDeployCore
import Synchronization

/// Ends a cancelled run whose Lua code does not stop. The count hook that makes Lua notice a
/// deadline or a signal does not run inside a `__gc` finalizer (Lua calls finalizers with hooks
/// off), nor inside a long C call; once the run's token is cancelled, the watchdog gives the
/// Lua thread `grace` seconds, then hands the runner what the run did so far (its stages and
/// audit trail, with the stage that was running named) and abandons the thread. The CLI exits
/// right after, which ends that thread too.
enum StuckRunWatchdog {
    /// Watches `token`; returns the observer to remove when the run is over.
    static func arm(
        token: CancellationToken, grace: Double, tracker: RunProgress.Tracker,
        box: OutcomeBox
    ) -> CancellationToken.Observer {
        token.onCancel { reason in
            @Sendable func check() {
                guard !box.isSet else { return }
                // The run is describing what runs now (NowLine), within a budget of its own: wait for it.
                if let until = box.epilogueEnds, until.timeIntervalSinceNow > -grace {
                    DispatchQueue.global().asyncAfter(deadline: .now() + max(0.1, until.timeIntervalSinceNow + grace)) { check() }
                    return
                }
                abandon(reason)
            }
            @Sendable func abandon(_ reason: CancellationReason) {
                let status = RecipeRunner.status(for: reason)
                let graceText = String(format: "%g", grace)
                let error =
                    "\(reason.description); the Lua code did not stop within \(graceText) s of it "
                    + "(a __gc finalizer or a C call cannot be interrupted), so the run was abandoned"
                let outcome =
                    tracker.progress.outcome(tracker.id, status: status, error: error)
                    ?? RunOutcome(
                        status: status, subject: "run", error: error, traceback: nil, stages: [], mutations: [],
                        duration: 0, dryRun: false, results: [])
                box.set(Self.namingStage(outcome, reason: reason, grace: graceText))
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + grace) { check() }
        }
    }

    /// The error names the stage that was running, like an ordinary cancelled run's does.
    private static func namingStage(_ outcome: RunOutcome, reason: CancellationReason, grace: String) -> RunOutcome {
        guard let stage = outcome.stages.last(where: { $0.outcome == .cancelled })?.name else { return outcome }
        var outcome = outcome
        outcome.error =
            "\(reason.description) during stage '\(stage)'; the Lua code did not stop within \(grace) s of it "
            + "(a __gc finalizer or a C call cannot be interrupted), so the run was abandoned"
        return outcome
    }
}

/// Carries the outcome off the Lua thread: the first one set wins (the run's own, or the
/// watchdog's when the run is stuck), and ``wait()`` returns it.
final class OutcomeBox: Sendable {
    private let outcome = Mutex<RunOutcome?>(nil)
    private let ready = DispatchSemaphore(value: 0)
    private let epilogueEnd = Mutex<Date?>(nil)

    /// Whether an outcome has been set.
    var isSet: Bool { outcome.withLock { $0 != nil } }

    /// When the run's epilogue (``NowLine``) must be over, once it has begun.
    var epilogueEnds: Date? { epilogueEnd.withLock { $0 } }

    /// The run began its epilogue, which ends by `date`.
    func epilogue(until date: Date) { epilogueEnd.withLock { $0 = date } }

    /// Sets the outcome unless one is already set.
    func set(_ value: RunOutcome) {
        let first = outcome.withLock { current -> Bool in
            guard current == nil else { return false }
            current = value
            return true
        }
        if first { ready.signal() }
    }

    /// Blocks until an outcome is set, and returns it.
    func wait() -> RunOutcome {
        ready.wait()
        return outcome.withLock { $0 }
            ?? RunOutcome(
                status: .failed, subject: "run", error: "the run ended without an outcome",
                traceback: nil, stages: [], mutations: [], duration: 0, dryRun: false,
                results: [])
    }
}
