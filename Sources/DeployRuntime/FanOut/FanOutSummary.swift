import Foundation

/// Renders the end of a fan-out: one line per target (status, time, error), the failed targets'
/// full run summaries having been written as they ended.
public enum FanOutSummary {
    /// Writes the table (text, plain) or one JSON object with a `targets` array (json).
    public static func write(_ outcome: FanOutOutcome, to log: RunLog) {
        let counts = Dictionary(grouping: outcome.results, by: { verdict($0.outcome) }).mapValues(\.count)
        let tally = ["succeeded", "FAILED", "DEADLINE", "REFUSED", "INTERRUPTED", "not run"].compactMap { key in
            counts[key].map { "\($0) \(key)" }
        }.joined(separator: ", ")
        if log.configuration.format == .json {
            log.write(json(outcome))
            return
        }
        let width = min(48, outcome.results.map(\.target.label.count).max() ?? 0)
        var lines = [
            "── fan-out: \(outcome.recipe) × \(outcome.results.count): \(tally) in \(RunSummary.format(outcome.duration))"
                + (outcome.refusedBeforeStart ? " — nothing was started" : "") + " ──"
        ]
        for result in outcome.results {
            let mark = verdict(result.outcome)
            let time = result.outcome.map { RunSummary.format($0.duration) } ?? "-"
            let error = result.outcome?.error.flatMap { $0.split(separator: "\n").first }.map { " — \($0)" } ?? ""
            lines.append(
                "  \(mark.padding(toLength: 11, withPad: " ", startingAt: 0)) "
                    + "\(result.target.label.padding(toLength: width, withPad: " ", startingAt: 0))  \(time)\(error)")
        }
        log.write(lines.joined(separator: "\n"))
    }

    /// The fan-out summary as one JSON object.
    public static func json(_ outcome: FanOutOutcome) -> String {
        let object: [String: Any] = [
            "event": "fanout_summary", "recipe": outcome.recipe, "status": outcome.status.rawValue,
            "exit_code": Int(outcome.status.exitCode), "duration_s": round(outcome.duration * 1000) / 1000,
            "started": !outcome.refusedBeforeStart,
            "targets": outcome.results.map { result -> [String: Any] in
                var o: [String: Any] = ["target": result.target.label, "status": result.outcome?.status.rawValue ?? "not_run"]
                if let run = result.outcome {
                    o["duration_s"] = round(run.duration * 1000) / 1000
                    if let error = run.error { o["error"] = error }
                    o["mutations"] = run.mutations.count
                }
                return o
            },
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return "{\"event\":\"fanout_summary\",\"status\":\"\(outcome.status.rawValue)\"}"
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func verdict(_ outcome: RunOutcome?) -> String {
        switch outcome?.status {
        case nil: return "not run"
        case .succeeded: return "succeeded"
        case .failed: return "FAILED"
        case .usage: return "REFUSED"
        case .deadlineExceeded: return "DEADLINE"
        case .interrupted: return "INTERRUPTED"
        }
    }
}
