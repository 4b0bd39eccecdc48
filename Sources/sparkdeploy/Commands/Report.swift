import ArgumentParser
import DeployRuntime

/// Prints an outcome's error (once) and the run summary, then exits with its code.
enum Report {
    static func finish(_ outcome: RunOutcome, log: RunLog, summary: Bool = true) -> Never {
        // A run abandoned by the stuck-run watchdog never returned through its own release.
        LeaseRegistry.shared.releaseAll(reason: outcome.error ?? "run ended")
        if let error = outcome.error, outcome.status != .succeeded {
            if outcome.status == .usage {
                log.log(.error, error)
            } else if log.configuration.format == .json || !summary {
                // Text and plain print the error once, above the summary (RunSummary).
                log.log(.error, "run failed", fields: ["error": error])
            }
        }
        if summary && outcome.status != .usage { RunSummary.write(outcome, to: log) }
        SparkDeploy.exit(withError: outcome.status == .succeeded ? nil : ExitCode(outcome.status.exitCode))
    }
}
