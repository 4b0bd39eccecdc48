/// The reliability matrix: every shipped recipe in every fault scenario where it applies, each with the
/// outcome it must have. docs/reliability.md is generated from this table and the observed outcomes.
enum ReliabilityMatrix {
    /// The fault scenarios every cluster recipe runs in.
    static let scenarios = [
        "standard", "rm-failover", "rm-unreachable", "flaky-network", "kill-lingers", "crash-loop",
        "app-fails-to-start", "step-stuck-pending", "hadoop2-legacy", "driver-survives-interrupt",
        "secure-acl", "clock-skew", "stalled-build", "failing-batches",
    ]

    /// One row: a recipe, a scenario and what must come of it.
    struct Row: Sendable {
        var recipe: String
        var scenario: String
        var expected: ExpectedOutcome
        /// Why the expected outcome is what it is, where it is not obvious.
        var why: String = ""
        /// Variables the run gets beyond the simulator's endpoints and credentials.
        var environment: [String: String] = [:]
        /// What the page calls the scenario (the scenario's name unless the environment changes it).
        var label: String?
    }

    /// How the operator configures the run in a scenario: secure-acl's RM refuses anonymous callers, so a
    /// deploy there names a YARN user with kill rights (`--yarn-user`, here its variable).
    static func environment(for scenario: String) -> [String: String] {
        scenario == "secure-acl" ? ["SPARKDEPLOY_YARN_USER": "hadoop"] : [:]
    }

    /// Scenarios that start the previous build themselves (submit refuses to start a second copy there).
    static let scenariosRunningTheApp: Set = [
        "rm-failover", "flaky-network", "kill-lingers", "step-stuck-pending",
        "hadoop2-legacy", "driver-survives-interrupt", "secure-acl", "clock-skew",
    ]

    /// Scenarios whose fault makes the new build fail (`${jar}` in the scenario), with what the run's
    /// `why:` section must show of the cause: the AM's stderr, or the progress gate's finding.
    static let failureEvidence: [String: [String]] = [
        "crash-loop": ["why:", "java.lang.OutOfMemoryError"],
        "app-fails-to-start": ["why:", "java.lang.ClassNotFoundException: com.acme.Aggregator"],
        "stalled-build": ["why:", "completed no Spark job or batch in 60 s"],
        "failing-batches": ["why:", "java.lang.IllegalStateException"],
    ]

    /// Scenarios whose fault makes the new build fail.
    static var failingNewBuild: Set<String> { Set(failureEvidence.keys) }

    /// YARN without EMR (issue 17): no cluster, the RM and Livy from the environment; the previous build was
    /// deployed by sparkdeploy (so the deploy journal knows it), its copy found by its app and build tags.
    static var yarnOnlyRows: [Row] {
        let seeded = "the previous build was deployed through Livy by an earlier run (its build recorded in the deploy journal)"
        return [
            Row(
                recipe: "redeploy-streaming", scenario: "yarn-only", expected: ExpectedOutcome.deployed.onYARN,
                why: "YARN without EMR: the old copy is killed, the new build goes in as a Livy batch and is verified; \(seeded)"),
            Row(
                recipe: "redeploy-streaming", scenario: "yarn-only-crash-loop.json",
                expected: ExpectedOutcome.rolledBack.saying(failureEvidence["crash-loop"] ?? []).onYARN,
                why:
                    "the new build's Livy batch crash-loops; the previous build, known from the journal, is resubmitted through Livy and verified",
                label: "yarn-only, crash-loop"),
            Row(
                recipe: "redeploy-streaming", scenario: "yarn-only-livy-create-then-fail.json",
                expected: ExpectedOutcome.deployed.saying("the failed call took effect; not sending it again").onYARN,
                why:
                    "Livy applies the POST /batches and answers 500: the client finds the batch by its name instead of submitting a second copy",
                label: "yarn-only, Livy create applied then 500"),
            Row(
                recipe: "redeploy-via-cancel", scenario: "yarn-only",
                expected: ExpectedOutcome(exit: 2, running: .previous, newSteps: 0, says: ["EMR-only"]).onYARN,
                why: "cancelling a step needs EMR: refused before anything is touched"),
            Row(
                recipe: "submit", scenario: "yarn-only",
                expected: ExpectedOutcome(exit: 1, running: .previous, newSteps: 0, says: ["is already running"]).onYARN,
                why: "a copy already runs: submit refuses rather than start a second one"),
            Row(recipe: "stop", scenario: "yarn-only", expected: ExpectedOutcome.stopped.onYARN),
            Row(recipe: "graceful-stop", scenario: "yarn-only", expected: ExpectedOutcome.stopped.onYARN),
            Row(recipe: "status", scenario: "yarn-only", expected: ExpectedOutcome.untouched.onYARN),
        ]
    }

    static var rows: [Row] {
        var rows: [Row] = []
        for scenario in scenarios {
            let fails = failingNewBuild.contains(scenario)
            for recipe in ["redeploy-streaming", "redeploy-via-cancel"] {
                if recipe == "redeploy-via-cancel" && scenario == "hadoop2-legacy" {
                    rows.append(
                        Row(
                            recipe: recipe, scenario: scenario,
                            expected: ExpectedOutcome(
                                exit: 1, running: .previous, newSteps: 0,
                                says: ["needs EMR >= 5.28"]),
                            why: "EMR 5.27 cannot cancel a RUNNING step: refused before anything is stopped"))
                } else {
                    rows.append(
                        Row(
                            recipe: recipe, scenario: scenario,
                            expected: fails ? ExpectedOutcome.rolledBack.saying(failureEvidence[scenario] ?? []) : .deployed,
                            why: fails ? "the new build fails; the previous build is resubmitted and verified; why: names the cause" : ""))
                }
            }
            if scenariosRunningTheApp.contains(scenario) {
                rows.append(
                    Row(
                        recipe: "submit", scenario: scenario,
                        expected: ExpectedOutcome(exit: 1, running: .previous, newSteps: 0, says: ["is already running"]),
                        why: "a copy already runs: submit refuses rather than start a second one"))
            } else if fails {
                rows.append(
                    Row(
                        recipe: "submit", scenario: scenario,
                        expected: ExpectedOutcome(
                            exit: 1, running: .none, newSteps: 1, says: ["failed"] + (failureEvidence[scenario] ?? [])),
                        why:
                            "nothing ran before and the new build fails: no previous build to restore; the copy it started is stopped; why: names the cause"
                    ))
            } else {
                rows.append(Row(recipe: "submit", scenario: scenario, expected: .deployed))
            }
            rows.append(Row(recipe: "stop", scenario: scenario, expected: .stopped))
            rows.append(Row(recipe: "graceful-stop", scenario: scenario, expected: .stopped))
            rows.append(Row(recipe: "status", scenario: scenario, expected: .untouched))
        }
        for scenario in ["standard", "flaky-network", "crash-loop", "stalled-build"] {
            let fails = failingNewBuild.contains(scenario)
            rows.append(
                Row(
                    recipe: "recreate-cluster", scenario: scenario,
                    expected: fails
                        ? ExpectedOutcome(exit: 1, running: .none, newSteps: 1, says: ["failed"] + (failureEvidence[scenario] ?? []))
                        : .deployed,
                    why: fails ? "the old cluster is gone by design; the recipe has no rollback, stops the failed copy and says so" : ""))
        }
        rows.append(
            Row(
                recipe: "redeploy-streaming", scenario: "secure-acl",
                expected: ExpectedOutcome(exit: 1, running: .previous, newSteps: 0, says: ["HTTP 401", "Authentication required"]),
                why: "no YARN user configured: the first read is refused, nothing is stopped",
                environment: ["SPARKDEPLOY_YARN_USER": ""], label: "secure-acl, no user"))
        // With one step at a time, EMR itself holds the rollback's step until the failing build's step
        // ends, and cancelling that step kills its app in the shipped scenarios; where steps run
        // concurrently and the cluster-mode driver outlives the cancel, only the recipe's own YARN kill
        // keeps the crash-looping copy and the restored build apart.
        for recipe in ["redeploy-streaming", "redeploy-via-cancel"] {
            rows.append(
                Row(
                    recipe: recipe, scenario: "crash-loop-driver-survives-cancel.json", expected: .rolledBack,
                    why: "the crash-looping copy must be killed over YARN before the previous build starts",
                    label: "crash-loop, driver survives step cancel, step concurrency 10"))
        }
        // Drain, then kill (issue 16): the previous build checkpoints to S3 and polls a stop marker.
        let drained = ExpectedOutcome.deployed.saying(
            "stop: graceful", "no batch in flight", "the stopped app's last commit was batch", "the new build resumed at batch")
        rows.append(
            Row(
                recipe: "redeploy-streaming+drain", scenario: "standard", expected: drained,
                why: "the old app finishes after its batch commits (FINISHED, not KILLED); the new build continues the checkpoint",
                label: "standard, drain with checkpoint"))
        rows.append(
            Row(
                recipe: "redeploy-streaming+drain", scenario: "marker-ignored",
                expected: ExpectedOutcome.deployed.saying("stop: NOT graceful", "did not stop within 3 s", "a batch was in flight"),
                why: "the job never polls the marker: past the grace period it is killed, and the summary says the stop was not graceful"))
        rows.append(
            Row(
                recipe: "redeploy-streaming+drain", scenario: "checkpoint-incompatible",
                expected: ExpectedOutcome.rolledBack.saying(
                    "stop: graceful", "why:", "StateSchemaNotCompatible", "checkpoint: restored to the snapshot",
                    "the restored previous build resumed at batch"),
                why: "the new build fails on the checkpoint's state: the checkpoint is restored and the previous build continues it"))
        rows += yarnOnlyRows
        rows.append(Row(recipe: "hello", scenario: "standard", expected: .untouched))
        return rows.map { row in
            var row = row
            row.environment = environment(for: row.scenario).merging(row.environment) { _, explicit in explicit }
            return row
        }
    }
}
