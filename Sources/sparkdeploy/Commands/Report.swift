import ArgumentParser
import DeployRuntime

/// Prints an outcome's error (once) and the run summary, writes the summary files, then exits with its code.
enum Report {
    static func finish(_ outcome: RunOutcome, log: RunLog, summary: Bool = true, files: [SummaryFile] = []) -> Never {
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
        write(files, log: log) { try $0.write(outcome) }
        SparkDeploy.exit(withError: outcome.status == .succeeded ? nil : ExitCode(outcome.status.exitCode))
    }

    /// Writes each summary file with `body`; a file that cannot be written is logged (the exit code stays the run's).
    static func write(_ files: [SummaryFile], log: RunLog, _ body: (SummaryFile) throws -> Void) {
        for file in files {
            do { try body(file) } catch { log.log(.error, "\(error)") }
        }
    }
}
