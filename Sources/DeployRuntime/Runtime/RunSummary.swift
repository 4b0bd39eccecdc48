import Foundation
import SparkDeployCore

/// Renders the end-of-run summary: outcome, duration, stages with timings, mutations, and what runs now.
public enum RunSummary {
    /// Writes the summary to `log` in its format (a JSON object in `json` format).
    public static func write(_ outcome: RunOutcome, to log: RunLog) {
        if log.configuration.format == .json {
            log.write(json(outcome, target: log.label))
            return
        }
        var lines = failureLines(outcome, verbose: log.isEnabled(.debug))
        let verdict = verdict(outcome.status)
        lines.append("── summary: \(outcome.subject) \(verdict) in \(format(outcome.duration))\(outcome.dryRun ? " (dry run)" : "") ──")
        if !outcome.stages.isEmpty {
            lines.append("stages:")
            for stage in outcome.stages {
                let mark: String
                switch stage.outcome {
                case .succeeded: mark = "ok  "
                case .failed: mark = "FAIL"
                case .cancelled: mark = "STOP"
                case .running: mark = "... "
                }
                let virtual = stage.virtualDuration.map { ", \(format($0)) simulated" } ?? ""
                lines.append("  \(mark) \(stage.name) (\(format(stage.duration))\(virtual))" + (stage.error.map { " — \($0)" } ?? ""))
            }
        }
        if !outcome.report.isEmpty {
            lines.append("report:")
            lines.append(contentsOf: outcome.report.map { "  " + $0 })
        }
        for report in outcome.why {
            lines.append("why:")
            lines.append(contentsOf: report.textLines)
        }
        if outcome.mutations.isEmpty {
            lines.append("mutations: none")
        } else {
            lines.append(outcome.dryRun ? "mutations (not performed, dry run):" : "mutations:")
            for m in outcome.mutations {
                lines.append("  \(m.action) \(m.target)" + (m.details.isEmpty ? "" : " \(m.details)") + (m.stage.map { " [\($0)]" } ?? ""))
            }
        }
        if let now = outcome.now { lines.append("now: \(now)") }
        log.write(lines.joined(separator: "\n"))
    }

    /// The run's error, printed once just above the summary (text and plain formats): where in the
    /// recipe and what failed; the traceback only when `verbose` (`-v`) and never for a deliberate
    /// `fail("…")`. A usage error was already logged before the run.
    static func failureLines(_ outcome: RunOutcome, verbose: Bool) -> [String] {
        guard outcome.status != .succeeded, outcome.status != .usage, let error = outcome.error else { return [] }
        var lines = ["error: \(error)"]
        if verbose, let traceback = outcome.traceback { lines.append(traceback) }
        return lines
    }

    /// The summary as one JSON object (`target`: the fan-out target it belongs to).
    public static func json(_ outcome: RunOutcome, target: String? = nil) -> String {
        var object: [String: Any] = [
            "event": "summary", "subject": outcome.subject, "status": outcome.status.rawValue,
            "exit_code": Int(outcome.status.exitCode), "duration_s": round(outcome.duration * 1000) / 1000, "dry_run": outcome.dryRun,
            "stages": outcome.stages.map { s -> [String: Any] in
                var o: [String: Any] = ["name": s.name, "outcome": s.outcome.rawValue, "duration_s": round(s.duration * 1000) / 1000]
                if let e = s.error { o["error"] = e }
                return o
            },
            "mutations": outcome.mutations.map { m -> [String: Any] in
                var o: [String: Any] = ["action": m.action, "target": m.target, "dry_run": m.dryRun]
                if !m.details.isEmpty { o["details"] = m.details }
                if let s = m.stage { o["stage"] = s }
                return o
            },
        ]
        if let e = outcome.error { object["error"] = e }
        if let now = outcome.now { object["now"] = now }
        if !outcome.nowFields.isEmpty { object["now_fields"] = outcome.nowFields }
        if !outcome.params.isEmpty { object["params"] = outcome.params }
        if !outcome.report.isEmpty { object["report"] = outcome.report }
        if !outcome.why.isEmpty { object["why"] = outcome.why.map(\.jsonObject) }
        if let target { object["target"] = target }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return "{\"event\":\"summary\",\"status\":\"\(outcome.status.rawValue)\"}"
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// How the summary's headline names `status`.
    static func verdict(_ status: RunStatus) -> String {
        switch status {
        case .succeeded: return "succeeded"
        case .failed: return "FAILED"
        case .usage: return "NOT STARTED (usage error)"
        case .deadlineExceeded: return "DEADLINE EXCEEDED"
        case .interrupted: return "INTERRUPTED"
        }
    }

    static func format(_ seconds: Double) -> String {
        seconds < 60
            ? DecimalText.fixed(seconds, digits: 2) + "s" : "\(Int(seconds) / 60)m" + DecimalText.padded(Int(seconds) % 60, width: 2) + "s"
    }
}
