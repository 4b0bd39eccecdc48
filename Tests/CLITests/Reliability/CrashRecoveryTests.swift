import ClusterSimulator
import Foundation
import SparkDeployCore
import Testing

/// The crash-recovery rows of the reliability matrix: a `redeploy-streaming` run is SIGKILLed at each
/// stage boundary (a CI runner reclaimed mid-deploy), then the same deploy is run again from another
/// runner. The rerun waits for the dead run's lease to expire (`--lock-wait`), takes it over, reads its
/// journal and continues: in every row exactly the intended copy runs afterwards — the new build, or the
/// previous one when the new build fails (the journal's previous build is the rollback target even when
/// it no longer ran) — and a new build already submitted is verified, not submitted again.
/// docs/crash-recovery.md is generated from these rows and their observed outcomes.
@Suite("Crash recovery: SIGKILL at each stage boundary, then a rerun")
struct CrashRecoveryTests {
    /// Where the first run is killed: the first log line that marks the boundary.
    struct Boundary: Sendable {
        var label: String
        var marker: String
    }

    static let boundaries = [
        Boundary(label: "lease taken, nothing inspected", marker: "lease taken"),
        Boundary(label: "inspected, nothing stopped", marker: #"stage started stage="stop old""#),
        Boundary(label: "kill of the old app being sent", marker: "mutation yarn.kill"),
        Boundary(label: "old app stopped, new build not submitted (stream down)", marker: "stage started stage=submit"),
        Boundary(label: "new build submitted, not verified", marker: "step added"),
        Boundary(label: "new app RUNNING, holding for settle", marker: "new app running"),
    ]

    /// One row: a boundary in a scenario, and what the rerun must leave.
    struct Row: Sendable, CustomTestStringConvertible {
        var boundary: Boundary
        var newBuildFails: Bool
        var testDescription: String { "\(boundary.label)\(newBuildFails ? ", new build fails" : "")" }
        var expectedRunning: [String] { newBuildFails ? ["previous"] : ["new"] }
        var expectedExit: Int32 { newBuildFails ? 1 : 0 }
    }

    static let rows: [Row] = [false, true].flatMap { fails in boundaries.map { Row(boundary: $0, newBuildFails: fails) } }

    /// What a row left.
    struct Observed: Sendable {
        var fired: Bool
        var rerunExit: Int32
        var running: [String]
        var newSteps: Int
        var overlaps: [String]
        /// The rerun's whole output.
        var output: String
        /// Both runs' output tails, for failure messages.
        var excerpt: String
    }

    static func observe(_ row: Row) async throws -> Observed {
        let cluster = try await LeasedCluster.start(scenario: row.newBuildFails ? "app-fails-to-start" : "standard", ttl: 2)
        defer { cluster.stop() }
        let first = cluster.runner()
        let killed: WatchedRun = try await withCheckedThrowingContinuation { continuation in
            Thread {
                do {
                    continuation.resume(
                        returning: try WatchedRun.run(
                            LeasedCluster.deployArguments, environment: first, limit: 60,
                            when: row.boundary.marker
                        ) { process in
                            kill(process.processIdentifier, SIGKILL)
                        })
                } catch {
                    continuation.resume(throwing: error)
                }
            }.start()
        }
        let rerun = try await CLI.runDetached(LeasedCluster.deployArguments + ["--lock-wait", "30"], environment: cluster.runner())
        let after = await cluster.sim.snapshot()
        return Observed(
            fired: killed.fired, rerunExit: rerun.status, running: await cluster.running(),
            newSteps: await cluster.newSteps(),
            overlaps: ReliabilityRun.overlaps(
                of: after.apps.filter { $0.name == ReliabilityRun.app },
                startedBefore: cluster.seeded),
            output: rerun.output,
            excerpt: "first run (killed):\n\(killed.result.output.suffix(1200))\nrerun:\n\(rerun.output.suffix(4000))")
    }

    /// Where `observed` differs from what `row` requires.
    static func problems(_ row: Row, _ observed: Observed) -> [String] {
        var found: [String] = []
        if !observed.fired { found.append("the first run never reached the boundary") }
        if observed.rerunExit != row.expectedExit { found.append("rerun exit \(observed.rerunExit), expected \(row.expectedExit)") }
        if observed.running != row.expectedRunning {
            found.append("RUNNING afterwards \(observed.running), expected \(row.expectedRunning)")
        }
        // A good new build is submitted once in all, whichever run submitted it; a failing one at most twice
        // (the dead run's attempt had already failed when the rerun came).
        let allowed = row.newBuildFails ? 1...2 : 1...1
        if !allowed.contains(observed.newSteps) { found.append("\(observed.newSteps) new-build steps, expected \(allowed)") }
        for pair in observed.overlaps { found.append("two copies alive at once: \(pair)") }
        if !observed.output.contains("lock taken over from a run that stopped renewing it") {
            found.append("the rerun did not take the dead run's lease over")
        }
        if !observed.output.contains("continuing an unfinished deploy")
            && !(row.boundary.marker == "lease taken" && observed.output.contains("nothing to continue"))
        {
            found.append("the rerun did not re-attach")
        }
        if row.newBuildFails && !observed.output.contains("rolled back") { found.append("the rerun does not say it rolled back") }
        return found
    }

    @Test("every boundary × {new build good, new build fails}: the rerun ends with the intended copy; docs/crash-recovery.md is current")
    func matrix() async throws {
        var results: [(Row, Observed)] = []
        for chunk in stride(from: 0, to: Self.rows.count, by: 4) {
            let slice = Array(Self.rows[chunk..<min(chunk + 4, Self.rows.count)])
            let observed = try await withThrowingTaskGroup(of: (Int, Observed).self) { group in
                for (index, row) in slice.enumerated() { group.addTask { (index, try await Self.observe(row)) } }
                return try await group.reduce(into: [Int: Observed]()) { $0[$1.0] = $1.1 }
            }
            for (index, row) in slice.enumerated() { if let o = observed[index] { results.append((row, o)) } }
        }
        for (row, observed) in results {
            let found = Self.problems(row, observed)
            if !found.isEmpty {
                Issue.record("\(row.testDescription): \(found.joined(separator: "; "))\n\(observed.excerpt)")
            }
        }
        let page = Self.page(results)
        let file = CLI.packageRoot.appendingPathComponent("docs/crash-recovery.md")
        let committed = try? String(contentsOf: file, encoding: .utf8)
        try page.write(to: file, atomically: true, encoding: .utf8)
        #expect(committed == page, "docs/crash-recovery.md was stale; it has been regenerated: review and commit it")
    }

    static func page(_ results: [(Row, Observed)]) -> String {
        var lines = [
            "# Crash recovery",
            "",
            "Generated by `Tests/CLITests/Reliability/CrashRecoveryTests.swift`; every row's outcome is asserted.",
            "",
            "A `redeploy-streaming` run (lease store in the simulator's S3, `--lock-ttl 2`) is SIGKILLed when the",
            "first log line of a stage boundary appears; the same deploy is then run from another runner with",
            "`--lock-wait 30`. The rerun takes the dead run's lease over once it expires, reads its deploy journal",
            "and continues it. \"new build fails\" rows run in `app-fails-to-start` (the new build never reaches",
            "RUNNING): the rerun restores the previous build recorded in the journal, even when it no longer ran.",
            "",
            "| killed at | new build | rerun exit | RUNNING afterwards | new-build steps | result |",
            "|---|---|---|---|---|---|",
        ]
        for (row, observed) in results {
            let ok = problems(row, observed).isEmpty ? "as required" : "**differs**"
            lines.append(
                "| \(row.boundary.label) | \(row.newBuildFails ? "fails" : "good") | \(observed.rerunExit) | "
                    + "\(observed.running.isEmpty ? "nothing" : observed.running.joined(separator: ", ")) | \(observed.newSteps) | \(ok) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
