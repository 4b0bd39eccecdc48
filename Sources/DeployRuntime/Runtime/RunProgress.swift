import Foundation
import SparkDeployCore
import Synchronization

/// What the runs in progress have done so far — stages and the audit trail — readable from any
/// thread. The Lua thread owns a run's ``RunContext``; this mirror is what a signal handler or
/// the stuck-run watchdog reads when the Lua thread cannot be waited for.
public final class RunProgress: Sendable {
    private struct Run {
        var subject: String
        var dryRun: Bool
        var started: Date
        var stages: [StageRecord] = []
        var mutations: [MutationRecord] = []
        var critical: [String] = []
    }

    private let runs = Mutex<[Int: Run]>([:])
    private let nextID = Atomic<Int>(1)

    /// Creates an empty record.
    public init() {}

    /// Starts recording a run; its updates go through the returned tracker.
    func begin(subject: String, dryRun: Bool) -> Tracker {
        let id = nextID.add(1, ordering: .relaxed).oldValue
        runs.withLock { $0[id] = Run(subject: subject, dryRun: dryRun, started: Date()) }
        return Tracker(progress: self, id: id)
    }

    fileprivate func update(_ id: Int, stages: [StageRecord], mutations: [MutationRecord]) {
        runs.withLock { runs in
            runs[id]?.stages = stages
            runs[id]?.mutations = mutations
        }
    }

    fileprivate func critical(_ id: Int, sections: [String]) {
        runs.withLock { runs in runs[id]?.critical = sections }
    }

    fileprivate func end(_ id: Int) { _ = runs.withLock { $0.removeValue(forKey: id) } }

    /// One outcome per run still in progress, as far as it got: stages still running are marked
    /// `cancelled` with `error`, `status` is how it is being ended.
    public func outcomes(status: RunStatus, error: String) -> [RunOutcome] {
        runs.withLock { runs in
            runs.keys.sorted().compactMap { runs[$0] }.map { run in Self.outcome(run, status: status, error: error) }
        }
    }

    /// The outcome of run `id` as far as it got.
    func outcome(_ id: Int, status: RunStatus, error: String) -> RunOutcome? {
        runs.withLock { runs in runs[id].map { Self.outcome($0, status: status, error: error) } }
    }

    /// A line naming what each run in progress is doing now, and the critical section it is in:
    /// `now: redeploy-streaming in stage 'submit' (inside critical section 'swap', 2.30s in stage), running for 12.30s`.
    public func nowLines() -> [String] {
        runs.withLock { runs in
            runs.keys.sorted().compactMap { runs[$0] }.map { run in
                let elapsed = DecimalText.fixed(Date().timeIntervalSince(run.started), digits: 2) + "s"
                let critical =
                    run.critical.isEmpty
                    ? nil
                    : "inside critical section " + run.critical.map { "'\($0)'" }.joined(separator: " > ")
                guard let stage = run.stages.last(where: { $0.outcome == .running }) else {
                    return "now: \(run.subject) running for \(elapsed), outside any stage" + (critical.map { ", \($0)" } ?? "")
                }
                let inStage = DecimalText.fixed(Date().timeIntervalSince1970 - stage.wallStartedAt, digits: 2) + "s"
                let detail = critical.map { "\($0), \(inStage) in stage" } ?? inStage
                return "now: \(run.subject) in stage '\(stage.name)' (\(detail)), running for \(elapsed)"
            }
        }
    }

    private static func outcome(_ run: Run, status: RunStatus, error: String) -> RunOutcome {
        var stages = run.stages
        for index in stages.indices where stages[index].outcome == .running {
            stages[index].duration = Date().timeIntervalSince1970 - stages[index].wallStartedAt
            stages[index].outcome = .cancelled
            stages[index].error = error
        }
        return RunOutcome(
            status: status, subject: run.subject, error: error, traceback: nil, stages: stages,
            mutations: run.mutations, duration: Date().timeIntervalSince(run.started), dryRun: run.dryRun, results: [])
    }

    /// Where one run reports its stages and mutations.
    struct Tracker: Sendable {
        let progress: RunProgress
        let id: Int

        func update(stages: [StageRecord], mutations: [MutationRecord]) {
            progress.update(id, stages: stages, mutations: mutations)
        }

        func critical(_ sections: [String]) { progress.critical(id, sections: sections) }

        func end() { progress.end(id) }
    }
}
