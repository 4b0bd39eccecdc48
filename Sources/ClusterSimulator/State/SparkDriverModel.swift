/// What a simulated Spark driver has done by one instant: a pure function of its YARN app (behaviour,
/// current attempt), the micro-batch length and the virtual time. No background task drives it.
///
/// The app is a Structured Streaming query: micro-batch `k` (job `k`, stage `k + 1`, SQL execution `k`)
/// starts `k` batch lengths after the attempt reached RUNNING and ends one batch length later, SUCCEEDED
/// (healthy) or FAILED (failing-batches); a stalled or executor-less driver never ends batch 0.
struct SparkDriverModel {
    /// One micro-batch and the job that runs it.
    struct Batch: Equatable {
        /// The batch number, which is also its job id and SQL execution id.
        var number: Int
        /// When its job was submitted.
        var submitted: Double
        /// When its job ended; nil while it runs.
        var ended: Double?
        /// Whether its job failed.
        var failed: Bool
        /// Its stage id.
        var stageId: Int { number + 1 }
    }

    /// Jobs, stages and SQL executions a driver keeps (`spark.ui.retainedJobs` and friends).
    static let retained = 1000
    /// Tasks per micro-batch job.
    static let tasksPerBatch = 4
    /// Spark's reason for the failed job of the micro-batch whose stage is `stageId`.
    static func failureReason(stageId: Int) -> String {
        "Job aborted due to stage failure: Task 0 in stage \(stageId).0 failed 4 times, most recent failure: "
            + "Lost task 0.3 in stage \(stageId).0 (TID \(4 * stageId + 3)) (ip-10-0-1-12.ec2.internal executor 2): "
            + "java.lang.IllegalStateException: Cannot parse record at offset 4711 of topic events"
    }

    let app: YarnApp
    let now: Double
    let batchSeconds: Double

    /// The driver of `app`'s current attempt at `now`, micro-batches `batchSeconds` long (at least 1 ms).
    init(app: YarnApp, now: Double, batchSeconds: Double) {
        self.app = app
        self.now = now
        self.batchSeconds = max(0.001, batchSeconds)
    }

    var behaviour: SparkBehaviour { app.sparkBehaviour }
    /// The current attempt's number (1 first).
    var attempt: Int { app.attempts.last?.number ?? 1 }
    /// When the current attempt reached RUNNING.
    var runningSince: Double { app.attempts.last?.runningSince ?? app.launchTime ?? app.startedTime }

    /// When micro-batch `k` starts.
    func start(ofBatch k: Int) -> Double { runningSince + Double(k) * batchSeconds }
    /// When micro-batch `k` ends (if it ends at all: see ``endedBatches``).
    func end(ofBatch k: Int) -> Double { start(ofBatch: k + 1) }
    /// True when micro-batches end successfully, so the query commits them to its checkpoint.
    var commitsBatches: Bool { behaviour == .healthy }

    /// The micro-batch after whose commit this attempt's query saw its stop marker and stopped, if it did.
    var stoppedAfter: Int? {
        guard let streaming = app.streaming, streaming.attempt == attempt else { return nil }
        return streaming.stoppedAfter
    }

    /// Micro-batches whose job ended by now.
    var endedBatches: Int {
        switch behaviour {
        case .stalled, .executorsLost: return 0
        case .healthy, .failingBatches:
            let elapsed = max(0, now - runningSince) / batchSeconds
            let ended = Int(min(elapsed, 1e12).rounded(.down))
            return stoppedAfter.map { min(ended, $0 + 1) } ?? ended
        }
    }

    /// The retained micro-batches, oldest first: the ended ones and the one running now (none once the
    /// query stopped at its marker).
    var batches: [Batch] {
        let ended = endedBatches
        let first = max(0, ended + 1 - Self.retained)
        let last = stoppedAfter == nil ? ended : ended - 1
        guard first <= last else { return [] }
        return (first...last).map { k in
            Batch(
                number: k, submitted: start(ofBatch: k),
                ended: k < ended ? end(ofBatch: k) : nil,
                failed: k < ended && behaviour == .failingBatches)
        }
    }

    /// The streaming query's name (the app's name, lower-cased, like `aggregator`).
    var queryName: String { app.name.lowercased().replacingOccurrences(of: " ", with: "-") }
    /// The query's id (stable across attempts: it lives in the checkpoint's `metadata` when the app has one).
    var queryId: String { app.streaming?.queryId ?? Self.uuid(app.id + "/query") }
    /// The query's run id (new per attempt); also the jobs' job group.
    var runId: String { Self.uuid(app.id + "/run/\(attempt)") }

    /// The query's batch id of micro-batch `k` of this attempt: `k` past the checkpoint's next batch when
    /// the attempt started (``StreamingCheckpoint/firstBatch``), else `k`.
    func batchId(_ k: Int) -> Int {
        guard let streaming = app.streaming, streaming.attempt == attempt else { return k }
        return streaming.batchNumber(k)
    }

    /// The description Spark gives a micro-batch's job and SQL execution.
    func description(of batch: Batch) -> String {
        "\(queryName)\nid = \(queryId)\nrunId = \(runId)\nbatch = \(batchId(batch.number))"
    }

    /// The job's call site, `start at Aggregator.scala:120`.
    var callSite: String {
        let simple = app.mainClass.flatMap { $0.split(separator: ".").last.map(String.init) } ?? app.name
        return "start at \(simple).scala:120"
    }

    /// A deterministic version-4-shaped UUID derived from `seed` (FNV-1a, two rounds).
    static func uuid(_ seed: String) -> String {
        func fnv(_ text: String, _ basis: UInt64) -> UInt64 {
            var h = basis
            for byte in text.utf8 {
                h ^= UInt64(byte)
                h = h &* 0x100_0000_01b3
            }
            return h
        }
        let high = fnv(seed, 0xcbf2_9ce4_8422_2325)
        let low = fnv(seed, 0x8422_2325_cbf2_9ce4)
        func hex(_ value: UInt64, _ digits: Int) -> String {
            let s = String(value, radix: 16)
            return String(repeating: "0", count: max(0, digits - s.count)) + s.suffix(digits)
        }
        let a = hex(high >> 32, 8)
        let b = hex((high >> 16) & 0xffff, 4)
        let c = hex(0x4000 | (high & 0x0fff), 4)
        let d = hex(0x8000 | ((low >> 48) & 0x3fff), 4)
        let e = hex(low & 0xffff_ffff_ffff, 12)
        return "\(a)-\(b)-\(c)-\(d)-\(e)"
    }
}
