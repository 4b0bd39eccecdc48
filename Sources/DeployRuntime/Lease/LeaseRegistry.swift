import Synchronization

/// Every run's leases in this process, so that an exit that does not return through the run — a second
/// signal's exit at once, a stuck run abandoned by the watchdog — still releases them and records in
/// each journal where the run stopped.
public final class LeaseRegistry: Sendable {
    /// The process's registry.
    public static let shared = LeaseRegistry()

    private let runs = Mutex<[ObjectIdentifier: RunLeases]>([:])

    func add(_ leases: RunLeases) { runs.withLock { $0[ObjectIdentifier(leases)] = leases } }
    func remove(_ leases: RunLeases) { runs.withLock { $0[ObjectIdentifier(leases)] = nil } }

    /// Whether any run holds a lease now.
    public var isEmpty: Bool { runs.withLock { $0.isEmpty } }

    /// Closes every journal as `stopped` with `reason` and releases every lease, within `seconds` in all.
    /// Safe from any thread that is not a Swift-concurrency worker; each run's leases are released once.
    public func releaseAll(reason: String, seconds: Double = 2) {
        let all = runs.withLock { runs -> [RunLeases] in
            defer { runs.removeAll() }
            return Array(runs.values)
        }
        for leases in all { leases.finish(outcome: "interrupted", journalState: .stopped, error: reason, seconds: seconds) }
    }
}
