import ClusterSimulator
import Foundation
import SparkDeployCore
import YARN

/// How long a YARN waiter takes to notice that the simulator flipped an app to RUNNING or KILLED.
///
/// One in-process simulator on a rate-1 clock (virtual seconds = wall seconds, epoch-aligned);
/// every waiter uses its own `RMClient` on the `SystemClock`, as a production run does. The
/// flip time is what the simulator records for the transition (`launchTime` for RUNNING,
/// `finishedTime` for KILLED), so latency = the moment `waitForApp` returns − the flip time.
/// Each waiter starts at a random offset before the flip, so the flip lands at a uniformly
/// random phase of the polling schedule.
enum DetectionLatency {
    /// One measured wait.
    struct Sample: Sendable {
        let kind: String
        let schedule: String
        let latency: Double
        let flipAfterStart: Double
        let waited: Double
        let requests: Int
    }

    /// Scenario: RUNNING 31 s after a REST submit (0.5 + 0.5 + 30), KILLED 20 s after the PUT.
    static let scenarioJSON = #"""
        { "description": "detection-latency benchmark", "appOrder": "submission",
          "delays": { "appSubmitted": 0.5, "appAccepted": 0.5, "appRunning": 30, "kill": 20, "stepStart": 0 },
          "maxCompletedApplications": 5000, "clusters": [] }
        """#

    /// Runs `trials` waits per (kind, schedule); all concurrently. Returns the JSON report.
    static func report(trials: Int, schedules: [(String, AdaptivePoll)]) async throws -> [String: Any] {
        let scenario = try Scenario.decode(Data(scenarioJSON.utf8), source: "detection-latency")
        let sim = try await Simulator.start(SimulatorOptions(clock: ScaledClock(rate: 1), scenario: scenario))
        let cluster = await sim.createCluster(name: "bench", stepConcurrencyLevel: 256)
        let before = await sim.requestCounts()
        let started = Date().timeIntervalSince1970
        var samples: [Sample] = []
        var killerLatencies: [Double] = []
        do {
            try await withThrowingTaskGroup(of: (Sample, Double?).self) { group in
                for (label, poll) in schedules {
                    for i in 0..<trials {
                        group.addTask {
                            try await runningTrial(sim: sim, index: i, schedule: label, poll: poll)
                        }
                        let (_, appId) = try await sim.startStreamingJob(
                            clusterId: cluster, name: "bench-kill-\(label)-\(i)", jar: "s3://bench/a.jar",
                            mainClass: "bench.Main")
                        group.addTask {
                            try await killTrial(sim: sim, appId: appId, schedule: label, poll: poll)
                        }
                    }
                }
                for try await (sample, killer) in group {
                    samples.append(sample)
                    if let killer { killerLatencies.append(killer) }
                }
            }
        } catch {
            await sim.stop()
            throw error
        }
        let after = await sim.requestCounts()
        await sim.stop()
        let elapsed = Date().timeIntervalSince1970 - started
        var report: [String: Any] = [
            "trials_per_kind": trials,
            "wall_seconds": elapsed,
            "flip_window": ["RUNNING": "2–31 s after the waiter starts", "KILLED": "1–20 s after the waiter starts"],
            "samples": samples.map {
                [
                    "kind": $0.kind, "schedule": $0.schedule, "latency": $0.latency,
                    "flip_after_start": $0.flipAfterStart, "waited": $0.waited, "requests": $0.requests,
                ] as [String: Any]
            },
            "kill_call_latency": summary(killerLatencies),
            "simulator_request_delta": after.reduce(into: [String: Int]()) { $0[$1.key] = $1.value - (before[$1.key] ?? 0) },
        ]
        var bySchedule: [String: Any] = [:]
        for (label, poll) in schedules {
            var entry: [String: Any] = ["initial": poll.initial, "factor": poll.factor, "maximum": poll.maximum]
            for kind in ["RUNNING", "KILLED", "all"] {
                let chosen = samples.filter { $0.schedule == label && (kind == "all" || $0.kind == kind) }
                var s = summary(chosen.map(\.latency))
                let requests = chosen.reduce(0) { $0 + $1.requests }
                let waited = chosen.reduce(0) { $0 + $1.waited }
                s["requests_per_second"] = waited > 0 ? Double(requests) / waited : 0
                s["max_requests_per_second_one_waiter"] = chosen.map { Double($0.requests) / max($0.waited, 0.001) }.max() ?? 0
                entry[kind] = s
            }
            bySchedule[label] = entry
        }
        report["by_schedule"] = bySchedule
        return report
    }

    static func client(_ sim: Simulator, poll: AdaptivePoll) throws -> RMClient {
        var connection = try RMConnection(addresses: sim.yarnEndpoints)
        connection.poll = poll
        return try RMClient(connection: connection, clock: SystemClock())
    }

    /// Submit over REST, wait a random part of the 31 s to RUNNING, then wait for RUNNING.
    static func runningTrial(sim: Simulator, index: Int, schedule: String, poll: AdaptivePoll) async throws -> (Sample, Double?) {
        let submitter = try client(sim, poll: poll)
        let appId = try await submitter.submit(SubmissionContext(name: "bench-run-\(schedule)-\(index)", command: "true"))
        try await Task.sleep(nanoseconds: UInt64(Double.random(in: 0...29) * 1e9))
        let waiter = try client(sim, poll: poll)
        let start = Date().timeIntervalSince1970
        let app = try await waiter.waitForApp(id: appId, states: [.running], timeout: 120)
        let end = Date().timeIntervalSince1970
        let flip = app.launchTime ?? .nan
        return (
            Sample(
                kind: "RUNNING", schedule: schedule, latency: end - flip, flipAfterStart: flip - start,
                waited: end - start, requests: waiter.requestCount), nil
        )
    }

    /// Kill in the background (`rm.kill`, which waits itself), start waiting at a random point of the 20 s.
    static func killTrial(sim: Simulator, appId: String, schedule: String, poll: AdaptivePoll) async throws -> (Sample, Double?) {
        let killer = try client(sim, poll: poll)
        let kill = Task { () throws -> Double in
            _ = try await killer.kill(appId: appId, timeout: 120)
            return Date().timeIntervalSince1970
        }
        try await Task.sleep(nanoseconds: UInt64(Double.random(in: 0...19) * 1e9))
        let waiter = try client(sim, poll: poll)
        let start = Date().timeIntervalSince1970
        let app = try await waiter.waitForApp(id: appId, states: [.killed], timeout: 120)
        let end = Date().timeIntervalSince1970
        let flip = app.finishedTime ?? .nan
        let killReturned = try await kill.value
        return (
            Sample(
                kind: "KILLED", schedule: schedule, latency: end - flip, flipAfterStart: flip - start,
                waited: end - start, requests: waiter.requestCount), killReturned - flip
        )
    }

    /// Median, p95, min, max, mean, count.
    static func summary(_ values: [Double]) -> [String: Any] {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return ["count": 0] }
        func pct(_ p: Double) -> Double {
            let rank = p * Double(sorted.count - 1)
            let lo = Int(rank.rounded(.down))
            let hi = Int(rank.rounded(.up))
            return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - Double(lo))
        }
        return [
            "count": sorted.count, "median": pct(0.5), "p95": pct(0.95), "min": sorted[0],
            "max": sorted[sorted.count - 1], "mean": sorted.reduce(0, +) / Double(sorted.count),
        ]
    }
}
