import Foundation
import Synchronization

/// The S3 leases one run holds and the journal of its deploy (kept with the first lease taken), released
/// and closed exactly once: by the run when it ends, or by ``LeaseRegistry`` when the process exits
/// without returning through the run.
final class RunLeases: Sendable {
    private struct Held {
        var leases: [S3Lease] = []
        var journal: DeployJournal?
        var finished = false
    }

    private let held = Mutex(Held())

    /// The journal of this run's deploy, once a lease with a store was taken.
    var journal: DeployJournal? { held.withLock { $0.journal } }

    /// Adds a lease (and the deploy's journal, if it is the first); registers with ``LeaseRegistry``.
    func add(_ lease: S3Lease, journal: DeployJournal?) {
        held.withLock { held in
            held.leases.append(lease)
            if held.journal == nil { held.journal = journal }
        }
        LeaseRegistry.shared.add(self)
    }

    /// Whether a lease for lock `name` is held already.
    func holds(_ name: String) -> Bool { held.withLock { $0.leases.contains { $0.name == name } } }

    /// Closes the journal and releases every lease, once, within `seconds`.
    func finish(outcome: String, journalState: DeployJournal.State, error: String?, seconds: Double) {
        let (leases, journal) = held.withLock { held -> ([S3Lease], DeployJournal?) in
            guard !held.finished else { return ([], nil) }
            held.finished = true
            return (held.leases, held.journal)
        }
        guard !leases.isEmpty || journal != nil else { return }
        LeaseRegistry.shared.remove(self)
        _ = BudgetedCall.run(seconds: seconds) {
            var handBack: String?
            if let journal {
                await journal.close(state: journalState, outcome: outcome, error: error)
                handBack = await journal.handBack(outcome: outcome)
            }
            for (index, lease) in leases.reversed().enumerated() {
                // The journal belongs to the first lease taken (the last in this order).
                try? await lease.release(
                    outcome: outcome, journalState: journalState.rawValue,
                    handingBack: index == leases.count - 1 ? handBack : nil)
            }
        }
    }
}
