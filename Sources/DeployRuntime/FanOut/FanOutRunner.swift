import Foundation
import SparkDeployCore

/// What happened to one target of a fan-out.
public struct FanOutResult: Sendable {
    /// The target.
    public var target: FanOutTarget
    /// Its run's outcome; nil when it was never started (`--fail-fast` after another target failed,
    /// or the fan-out was interrupted first).
    public var outcome: RunOutcome?
}

/// The result of a whole fan-out.
public struct FanOutOutcome: Sendable {
    /// The recipe.
    public var recipe: String
    /// One result per target, in the order the targets were given.
    public var results: [FanOutResult]
    /// Wall-clock seconds from the first check to the last run's end.
    public var duration: Double
    /// Whether every target was only checked because one of them was refused (no run started).
    public var refusedBeforeStart: Bool

    /// The status the process exits with: success only when every target succeeded; otherwise
    /// the most serious (interrupted, failed, deadline exceeded, usage).
    public var status: RunStatus {
        if refusedBeforeStart { return .usage }
        let statuses = results.map { $0.outcome?.status ?? .failed }
        for status in [RunStatus.interrupted, .failed, .deadlineExceeded, .usage] where statuses.contains(status) { return status }
        return .succeeded
    }
}

/// Runs one recipe for many targets from one invocation — e.g. the same redeploy on twenty
/// clusters — each in its own `lua_State` on its own thread, at most `parallel` at a time.
///
/// Every target's params are checked first; if any target is refused, none runs (a CI job
/// learns every mistake at once and never half-deploys a fleet because of a typo). Targets are
/// independent: one failing does not stop the others unless `failFast` is set, in which case
/// targets not yet started are skipped (running ones finish — stopping a deploy half way is
/// worse than letting it end). Interrupting the fan-out cancels every running target.
public enum FanOutRunner {
    /// Runs `recipe` for each of `targets` (params: `shared`, overridden by the target's own).
    public static func run(
        recipe: String, shared: [String: String], targets: [FanOutTarget], parallel: Int,
        failFast: Bool = false, configuration: RunConfiguration
    ) -> FanOutOutcome {
        let started = Date()
        var prepared: [PreparedRecipe] = []
        var refused: [FanOutResult] = []
        var results: [FanOutResult] = []
        for target in targets {
            var scoped = configuration
            scoped.log = configuration.log.scoped(label: target.label)
            switch RecipeRunner.prepare(recipe: recipe, given: target.merged(with: shared), configuration: scoped) {
            case .ready(let recipe):
                prepared.append(recipe)
                results.append(FanOutResult(target: target, outcome: nil))
            case .refused(let notStarted):
                scoped.log.log(.error, notStarted.error ?? "refused")
                refused.append(FanOutResult(target: target, outcome: notStarted))
                results.append(FanOutResult(target: target, outcome: notStarted))
            }
        }
        if !refused.isEmpty {
            return FanOutOutcome(recipe: recipe, results: results, duration: Date().timeIntervalSince(started), refusedBeforeStart: true)
        }
        let board = Board(results: results, failFast: failFast)
        let recipes = prepared
        let group = DispatchGroup()
        for worker in 0..<max(1, min(parallel, targets.count)) {
            group.enter()
            let thread = Thread {
                while let index = board.next(cancelled: configuration.token.isCancelled || configuration.gate.isHoldingSignal) {
                    let scoped = configuration.forTarget(targets[index])
                    let link = configuration.token.onCancel { reason in scoped.token.cancel(reason) }
                    let outcome = RecipeRunner.run(recipes[index], configuration: scoped)
                    configuration.token.removeObserver(link)
                    board.finish(index, outcome)
                    reportEnd(outcome, log: scoped.log)
                }
                group.leave()
            }
            thread.name = "sparkdeploy.fanout.\(worker)"
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
        return FanOutOutcome(recipe: recipe, results: board.results, duration: Date().timeIntervalSince(started), refusedBeforeStart: false)
    }
}

extension FanOutRunner {
    /// As each target ends: a one-line verdict when it succeeded; the error and full
    /// run summary when it did not (so a CI log shows a failure as soon as it happens).
    static func reportEnd(_ outcome: RunOutcome, log: RunLog) {
        guard outcome.status != .succeeded else {
            log.log(
                .info, "target succeeded",
                fields: ["duration": RunSummary.format(outcome.duration), "mutations": "\(outcome.mutations.count)"])
            return
        }
        // Text and plain print the error once, above the summary (RunSummary).
        if let error = outcome.error, log.configuration.format == .json { log.log(.error, "run failed", fields: ["error": error]) }
        RunSummary.write(outcome, to: log)
    }
}

extension RunConfiguration {
    /// This configuration for one fan-out target: its own log label, output prefix and
    /// cancellation token (its deadline is its own; the runner links it to the parent's, so
    /// interrupting the fan-out cancels it).
    func forTarget(_ target: FanOutTarget) -> RunConfiguration {
        var copy = self
        copy.log = log.scoped(label: target.label)
        copy.token = CancellationToken()  // the caller links it to this configuration's token
        let output = self.output
        let prefix = "[\(target.label)] "
        copy.output = { text in
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let trailing = lines.last?.isEmpty == true
            let body = (trailing ? lines.dropLast() : lines[...]).map { prefix + $0 }.joined(separator: "\n")
            output(body + (trailing ? "\n" : ""))
        }
        return copy
    }
}

/// The shared work list of a fan-out's worker threads.
private final class Board: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private var stop = false
    private var board: [FanOutResult]
    private let failFast: Bool

    var results: [FanOutResult] {
        lock.lock()
        defer { lock.unlock() }
        return board
    }

    init(results: [FanOutResult], failFast: Bool) {
        self.board = results
        self.failFast = failFast
    }

    /// The next target to start, or nil when all have started or no more may start.
    func next(cancelled: Bool) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard !stop, !cancelled, nextIndex < board.count else { return nil }
        defer { nextIndex += 1 }
        return nextIndex
    }

    func finish(_ index: Int, _ outcome: RunOutcome) {
        lock.lock()
        defer { lock.unlock() }
        board[index].outcome = outcome
        if failFast && outcome.status != .succeeded { stop = true }
    }
}
