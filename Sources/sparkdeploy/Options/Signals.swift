import DeployRuntime
import Dispatch
import Foundation
import SparkDeployCore
import Synchronization

/// SIGINT and SIGTERM stop the run at its next safe point, unless it is inside a critical
/// section (`critical(what, fn)`): then the signal waits for the section to end (``InterruptGate``).
///
/// Signals arriving within ``burst`` seconds of the first count as one: `timeout N cmd` (and
/// CI runners) send SIGTERM to the process and then to its group microseconds apart, and that
/// pair must still end in the full summary. A signal after that exits at once (130), critical
/// section or not: it prints what each run is doing now, runs the ``ExitHooks`` (each within
/// its budget) and prints the summary of what each run did so far.
enum Signals {
    /// Seconds after the first signal during which further signals are the same request.
    static let burst: Double = 1

    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []
    private static let firstSignal = Mutex<Date?>(nil)

    /// Routes SIGINT/SIGTERM through `gate` to `token`; a second signal after the burst window
    /// prints `progress` to `log`, runs the exit hooks and exits at once.
    static func cancelOnInterrupt(_ token: CancellationToken, gate: InterruptGate, progress: RunProgress, log: RunLog) {
        ExitHooks.shared.register("critical sections") { event in gate.reportUnfinished(signal: event.signal) }
        // Leases are released and journals closed as `stopped`, so the next run takes over at once and
        // re-attaches where this one stopped.
        ExitHooks.shared.register("leases and journals") { event in
            LeaseRegistry.shared.releaseAll(reason: event.reason, seconds: 0.9)
        }
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                let now = Date()
                let first = firstSignal.withLock { first -> Date? in
                    defer { if first == nil { first = now } }
                    return first
                }
                guard let first else {
                    gate.interrupt(name, root: token)
                    return
                }
                guard now.timeIntervalSince(first) >= burst else { return }
                exitAtOnce(name, progress: progress, log: log)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Prints the "now:" lines, runs the exit hooks, prints the summary so far, then exits 130.
    private static func exitAtOnce(_ name: String, progress: RunProgress, log: RunLog) -> Never {
        let error = "interrupted again by \(name): exited at once"
        let now = progress.nowLines()
        for line in now { log.write(line + " — \(error)") }
        let late = ExitHooks.shared.run(ExitHooks.Event(signal: name, reason: error, now: now))
        for hook in late {
            log.log(.warning, "exit hook '\(hook)' did not finish within its budget: exiting without it")
        }
        for outcome in progress.outcomes(status: .interrupted, error: error) { RunSummary.write(outcome, to: log) }
        Foundation.exit(130)
    }
}
