import Foundation

extension FanOutSummary {
    /// The fan-out summary as Markdown: the tally, and one row per target (status, time, first line of its error).
    public static func markdown(_ outcome: FanOutOutcome) -> String {
        let started = outcome.refusedBeforeStart ? " — nothing was started" : ""
        var lines = [
            "## sparkdeploy \(Markdown.code(outcome.recipe)) × \(outcome.results.count): \(outcome.status.rawValue) "
                + "in \(RunSummary.format(outcome.duration))\(started)", "",
            "| | |", "|---|---|",
            "| Outcome | \(outcome.status.rawValue) |",
            "| Exit code | \(outcome.status.exitCode) |",
            "| Recipe | \(Markdown.code(outcome.recipe)) |",
            "", "### Targets", "", "| Target | Outcome | Time | Mutations | Now / error |", "|---|---|---|---|---|",
        ]
        for result in outcome.results {
            let run = result.outcome
            let time = run.map { RunSummary.format($0.duration) } ?? "-"
            let note = run?.error.flatMap { $0.split(separator: "\n").first.map(String.init) } ?? run?.now ?? ""
            lines.append(
                "| \(Markdown.cell(result.target.label)) | \(verdict(run)) | \(time) | \(run?.mutations.count ?? 0) | \(Markdown.cell(note)) |"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
