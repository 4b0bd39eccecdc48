import Foundation

extension WhyReport {
    /// The `why:` section of the text summary (indented lines, no header).
    var textLines: [String] {
        var lines: [String] = []
        if let subject { lines.append("  \(subject)") }
        if let cause { lines.append("  cause: \(cause)") }
        if let app {
            var head = "  YARN app \(app.id)"
            if let state = app.state { head += ": \(state)" }
            if let status = app.finalStatus, status != "UNDEFINED" { head += " (final status \(status))" }
            lines.append(head)
            if let diagnostics = app.diagnostics { lines.append(contentsOf: Self.indented(diagnostics, "    diagnostics: ")) }
        }
        for attempt in attempts where attempt.diagnostics != nil || attempt.state == "FAILED" {
            var head = "  attempt \(attempt.id)"
            if let state = attempt.state { head += " \(state)" }
            if let diagnostics = attempt.diagnostics { head += ": " + Self.firstLine(diagnostics) }
            lines.append(head)
        }
        if let log = amLog, !log.lines.isEmpty {
            lines.append("  AM \(log.file) (\(log.containerId), last \(log.lines.count) lines\(log.truncated ? "" : ", whole file")):")
            lines.append(contentsOf: log.lines.map { "    | \($0)" })
        }
        if let step {
            var head = "  EMR step \(step.id)"
            if let state = step.state { head += " \(state)" }
            let reason = [step.reason, step.message].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " — ")
            if !reason.isEmpty { head += ": " + Self.firstLine(reason) }
            if let log = step.logFile { head += " (log \(log))" }
            lines.append(head)
        }
        for job in failedJobs {
            var head = "  Spark job \(job.id)"
            if let name = job.name, !name.isEmpty { head += " (\(name))" }
            head += " FAILED"
            if let reason = job.reason { head += ": " + Self.firstLine(reason) }
            lines.append(head)
        }
        for gap in gaps { lines.append("  not collected: \(gap)") }
        return lines
    }

    /// The report as a JSON object (snake_case keys, absent parts left out).
    var jsonObject: [String: Any] {
        var o: [String: Any] = [:]
        if let subject { o["subject"] = subject }
        if let cause { o["cause"] = cause }
        if let app {
            var a: [String: Any] = ["id": app.id]
            if let v = app.state { a["state"] = v }
            if let v = app.finalStatus { a["final_status"] = v }
            if let v = app.diagnostics { a["diagnostics"] = v }
            o["app"] = a
        }
        if !attempts.isEmpty {
            o["attempts"] = attempts.map { a -> [String: Any] in
                var d: [String: Any] = ["id": a.id]
                if let v = a.state { d["state"] = v }
                if let v = a.diagnostics { d["diagnostics"] = v }
                return d
            }
        }
        if let log = amLog {
            o["am_log"] = ["container_id": log.containerId, "file": log.file, "lines": log.lines, "truncated": log.truncated]
        }
        if let step {
            var s: [String: Any] = ["id": step.id]
            if let v = step.state { s["state"] = v }
            if let v = step.reason { s["reason"] = v }
            if let v = step.message { s["message"] = v }
            if let v = step.logFile { s["log_file"] = v }
            o["step"] = s
        }
        if !failedJobs.isEmpty {
            o["failed_jobs"] = failedJobs.map { j -> [String: Any] in
                var d: [String: Any] = ["id": j.id]
                if let v = j.name { d["name"] = v }
                if let v = j.reason { d["reason"] = v }
                return d
            }
        }
        if !gaps.isEmpty { o["gaps"] = gaps }
        return o
    }

    /// One JSON log record: `{"event":"why", …}`.
    var jsonRecord: String {
        var object = jsonObject
        object["event"] = "why"
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return "{\"event\":\"why\"}"
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func firstLine(_ text: String) -> String {
        let line = text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
        return line.count > 300 ? String(line.prefix(300)) + "…" : line
    }

    static func indented(_ text: String, _ head: String) -> [String] {
        let lines = text.split(separator: "\n").prefix(6).map(String.init)
        return lines.enumerated().map { i, line in (i == 0 ? head : String(repeating: " ", count: head.count)) + line }
    }
}
