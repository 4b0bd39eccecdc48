/// What one recipe must do in one fault scenario, declared before it runs and asserted exactly:
/// the reliability matrix fails when a row's outcome differs in any field.
struct ExpectedOutcome: Sendable {
    /// Which build of the app runs once the recipe has exited.
    enum Running: String, Sendable {
        /// Exactly one copy, of the build being deployed.
        case new
        /// Exactly one copy, of the build that ran before the recipe started.
        case previous
        /// No copy at all: an outage, acceptable only where the row declares it (a stop, say).
        case none
    }

    /// The process's exit status.
    var exit: Int32
    /// What runs afterwards.
    var running: Running
    /// How many EMR steps of the new build exist afterwards (a deploy makes one; a refusal none).
    var newSteps: Int
    /// Text the run's output must contain (the summary naming the outcome, the refusal's reason…).
    var says: [String] = []
    /// A YARN-only row (no EMR): `newSteps` counts the YARN apps submitted with the new build (one per Livy batch).
    var yarnOnly = false

    /// A deploy that succeeded: exit 0, one copy of the new build, one step.
    static let deployed = ExpectedOutcome(exit: 0, running: .new, newSteps: 1, says: ["succeeded in"])
    /// The new build failed and the previous one was brought back.
    static let rolledBack = ExpectedOutcome(exit: 1, running: .previous, newSteps: 1, says: ["rolled back"])
    /// Nothing was changed: exit 0, the previous build still runs, no step.
    static let untouched = ExpectedOutcome(exit: 0, running: .previous, newSteps: 0, says: ["succeeded in"])
    /// The app was stopped on purpose: exit 0, nothing runs, no step.
    static let stopped = ExpectedOutcome(exit: 0, running: .none, newSteps: 0, says: ["succeeded in"])

    /// The same outcome with more text the output must contain.
    func saying(_ more: String...) -> ExpectedOutcome { saying(more) }

    /// The same outcome with more text the output must contain.
    func saying(_ more: [String]) -> ExpectedOutcome {
        var copy = self
        copy.says += more
        return copy
    }

    /// The same outcome for a YARN-only target: new-build submissions are Livy batches, not EMR steps.
    var onYARN: ExpectedOutcome {
        var copy = self
        copy.yarnOnly = true
        return copy
    }

    /// One line for docs/reliability.md.
    var summary: String {
        let runs: String
        switch running {
        case .new: runs = "the new build RUNNING (1 copy)"
        case .previous: runs = "the previous build RUNNING (1 copy)"
        case .none: runs = "nothing RUNNING"
        }
        let said = says.isEmpty ? "" : ", says " + says.map { "“\($0)”" }.joined(separator: ", ")
        let unit = yarnOnly ? "new-build Livy submission" : "new-build step"
        return "exit \(exit), \(runs), \(newSteps) \(unit)\(newSteps == 1 ? "" : "s")\(said)"
    }
}
