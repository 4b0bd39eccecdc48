import Dispatch
import Foundation
import SparkDeployCore

/// SIGINT and SIGTERM cancel the run's token; the run stops at its next safe point.
enum Signals {
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    /// Routes SIGINT/SIGTERM to `token` (a second signal exits at once).
    static func cancelOnInterrupt(_ token: CancellationToken) {
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if token.isCancelled { Foundation.exit(130) }
                token.cancel(.signal(name: name))
            }
            source.resume()
            sources.append(source)
        }
    }
}
