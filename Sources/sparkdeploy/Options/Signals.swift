import Dispatch
import DeployRuntime
import Foundation
import SparkDeployCore
import Synchronization

/// SIGINT and SIGTERM cancel the run's token; the run stops at its next safe point.
///
/// Signals arriving within ``burst`` seconds of the first count as one: `timeout N cmd` (and
/// CI runners) send SIGTERM to the process and then to its group microseconds apart, and that
/// pair must still end in the full summary. A signal after that exits at once (130), first
/// printing what each run is doing now and the summary of what it did so far.
enum Signals {
    /// Seconds after the first signal during which further signals are the same request.
    static let burst: Double = 1

    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []
    private static let firstSignal = Mutex<Date?>(nil)

    /// Routes SIGINT/SIGTERM to `token`; a second signal after the burst window prints
    /// `progress` to `log` and exits at once.
    static func cancelOnInterrupt(_ token: CancellationToken, progress: RunProgress, log: RunLog) {
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
                    token.cancel(.signal(name: name))
                    return
                }
                guard now.timeIntervalSince(first) >= burst else { return }
                exitAtOnce(name, progress: progress, log: log)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Prints the "now:" lines and the summary so far, then exits 130.
    private static func exitAtOnce(_ name: String, progress: RunProgress, log: RunLog) -> Never {
        let error = "interrupted again by \(name): exited at once"
        for line in progress.nowLines() { log.write(line + " — \(error)") }
        for outcome in progress.outcomes(status: .interrupted, error: error) { RunSummary.write(outcome, to: log) }
        Foundation.exit(130)
    }
}
