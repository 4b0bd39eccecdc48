import Foundation

extension RunSummary {
    /// The summary as Markdown (a CI job summary, `--summary-file x.md`): the same sections as the text
    /// summary — outcome, params, stages with times, report, why, mutations, what runs now — from the same outcome.
    public static func markdown(_ outcome: RunOutcome, target: String? = nil) -> String {
        let dryRun = outcome.dryRun ? " (dry run)" : ""
        let subject = target.map { "\(outcome.subject) · \($0)" } ?? outcome.subject
        var lines = [
            "## sparkdeploy \(Markdown.code(subject)): \(verdict(outcome.status)) in \(format(outcome.duration))\(dryRun)", "",
            "| | |", "|---|---|",
            "| Outcome | \(outcome.status.rawValue) |",
            "| Exit code | \(outcome.status.exitCode) |",
            "| Recipe | \(Markdown.code(outcome.subject)) |",
        ]
        if let now = outcome.now { lines.append("| Now | \(Markdown.cell(now)) |") }
        for key in outcome.nowFields.keys.sorted() {
            lines.append("| \(Markdown.cell(key)) | \(Markdown.code(outcome.nowFields[key] ?? "")) |")
        }
        if !outcome.params.isEmpty {
            lines += ["", "### Params", "", "| Param | Value |", "|---|---|"]
            for key in outcome.params.keys.sorted() {
                lines.append("| \(Markdown.code(key)) | \(Markdown.code(outcome.params[key] ?? "")) |")
            }
        }
        if !outcome.stages.isEmpty {
            lines += ["", "### Stages", "", "| Stage | Outcome | Time |", "|---|---|---|"]
            for stage in outcome.stages {
                let virtual = stage.virtualDuration.map { " (\(format($0)) simulated)" } ?? ""
                let error = stage.error.map { " — " + Markdown.cell($0) } ?? ""
                lines.append(
                    "| \(Markdown.cell(stage.name)) | \(stage.outcome.rawValue)\(error) | \(format(stage.duration))\(virtual) |")
            }
        }
        if !outcome.report.isEmpty {
            lines += ["", "### Report", ""] + outcome.report.map { "- " + Markdown.inline($0) }
        }
        if outcome.status != .succeeded, outcome.error != nil || !outcome.why.isEmpty {
            lines += ["", "### Why", ""]
            if let error = outcome.error { lines += Markdown.block(error) }
            for report in outcome.why { lines += [""] + Markdown.block(report.textLines.joined(separator: "\n")) }
        }
        lines += ["", outcome.dryRun ? "### Mutations (not performed, dry run)" : "### Mutations", ""]
        if outcome.mutations.isEmpty { lines.append("None.") }
        for m in outcome.mutations {
            let details = m.details.isEmpty ? "" : " " + Markdown.inline(m.details)
            lines.append(
                "- \(Markdown.code(m.action)) \(Markdown.code(m.target))\(details)" + (m.stage.map { " [\(Markdown.inline($0))]" } ?? ""))
        }
        if let now = outcome.now { lines += ["", "**Now:** \(Markdown.inline(now))"] }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Escaping for text from outside (recipe names, errors, cluster messages) placed in Markdown.
enum Markdown {
    /// `text` as inline code, its backticks kept by a longer fence.
    static func code(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "|", with: "\\|")
        let fence = flat.contains("`") ? "`` " : "`"
        return fence + flat + String(fence.reversed())
    }

    /// `text` as one table cell: pipes escaped, lines joined with `<br>`.
    static func cell(_ text: String) -> String {
        inline(text).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: "<br>")
    }

    /// `text` as inline Markdown that cannot open HTML or links: `<`, `>`, `[`, `]` escaped.
    static func inline(_ text: String) -> String {
        var out = ""
        for character in text {
            if "<>[]*_\\`".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// `text` as a fenced block, the fence longer than any run of backticks or tildes inside it.
    static func block(_ text: String) -> [String] {
        let fence = String(repeating: "~", count: max(3, longestRun(of: "~", in: text) + 1))
        return [fence + "text", text, fence]
    }

    private static func longestRun(of character: Character, in text: String) -> Int {
        var longest = 0
        var current = 0
        for c in text {
            current = c == character ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }
}
