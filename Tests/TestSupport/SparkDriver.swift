import Foundation
import Synchronization

/// One real Spark driver per test process: `scripts/spark_driver.py` runs a local Structured Streaming
/// query (`rate` source, `noop` sink, `local[1]`, a 2 s trigger) whose driver UI serves the monitoring REST
/// API on a free port, and a second query (1 s trigger) that checkpoints to ``checkpointPath`` and stops
/// gracefully (after its current batch commits) once the file ``stopMarkerPath`` exists.
///
/// ``shared()`` starts it on first use (about 5 s with a warm JVM, 20 s cold) and hands every later caller
/// the same driver; it stops when the test process exits, because the script ends when its stdin (a pipe
/// this process holds) closes. Tests that need it are enabled with `Peers.shouldRun(.pyspark)` and call
/// `Peers.require(.pyspark)` first, so under `SPARKDEPLOY_REQUIRE_PEERS=1` a missing pyspark or Java fails.
public final class SparkDriver: Sendable {
    /// The Spark application id (`local-<millis>`).
    public let applicationId: String
    /// The driver UI's base URL (`http://127.0.0.1:<port>`).
    public let baseURL: String
    /// Seconds from launch until the REST API answered.
    public let startSeconds: Double
    /// The checkpoint directory of the second query (a real Spark 4 checkpoint: metadata, offsets/, commits/…).
    public let checkpointPath: String
    /// The stop marker the second query polls: once it exists, the query stops after its current batch commits
    /// and the driver writes `<stopMarkerPath>.stopped` (the query id, then the last batch id).
    public let stopMarkerPath: String
    /// The second query's id (`StreamingQuery.id`), as its checkpoint's `metadata` records it.
    public let checkpointQueryID: String

    private let process: Process
    private let stdin: Pipe

    private init(
        applicationId: String, baseURL: String, startSeconds: Double, checkpoint: (path: String, marker: String, queryID: String),
        process: Process, stdin: Pipe
    ) {
        self.applicationId = applicationId
        self.baseURL = baseURL
        self.startSeconds = startSeconds
        self.checkpointPath = checkpoint.path
        self.stopMarkerPath = checkpoint.marker
        self.checkpointQueryID = checkpoint.queryID
        self.process = process
        self.stdin = stdin
    }

    /// Why the driver did not start.
    public struct StartFailure: Error, CustomStringConvertible {
        /// What went wrong, with the tail of the driver's log.
        public var reason: String
        /// The reason.
        public var description: String { "the Spark test driver did not start: \(reason)" }
    }

    /// The one start of this process, run on a dispatch thread (it blocks reading the script's pipe).
    private static let starting = Task<SparkDriver, any Error> {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { () throws(StartFailure) in try start() }) }
        }
    }

    /// The process's driver, started on first call; later calls get the same one.
    /// - Throws: ``StartFailure`` (every call, once the start failed).
    public static func shared() async throws -> SparkDriver {
        try await starting.value
    }

    /// The REST API's base for this app: `{baseURL}/api/v1/applications/{applicationId}`.
    public var applicationURL: String { "\(baseURL)/api/v1/applications/\(applicationId)" }

    private static func start() throws(StartFailure) -> SparkDriver {
        let began = Date()
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("sd-spark-driver-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [Peers.python, Peers.packageRoot.appendingPathComponent("scripts/spark_driver.py").path, "0"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        do {
            process.standardError = try FileHandle(forWritingTo: log)
            try process.run()
        } catch {
            throw StartFailure(reason: "\(Peers.python) scripts/spark_driver.py does not start: \(error)")
        }
        func failure(_ what: String) -> StartFailure {
            process.terminate()
            let tail = (try? String(contentsOf: log, encoding: .utf8)).map { String($0.suffix(1500)) } ?? ""
            return StartFailure(reason: "\(what); driver log (\(log.path)) ends: \(tail)")
        }
        // The script prints one line, `READY <app id> <UI URL> <checkpoint dir> <stop marker> <query id>`, once the
        // queries run and the REST API answers
        // (it gives up by itself after 120 s).
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty {
                throw failure("the driver exited (status \(process.isRunning ? -1 : process.terminationStatus)) before it was ready")
            }
            line.append(chunk)
        }
        let words = String(decoding: line, as: UTF8.self).split(separator: "\n")[0].split(separator: " ")
        guard words.count == 6, words[0] == "READY" else {
            throw failure("unexpected first line: \(String(decoding: line.prefix(300), as: UTF8.self))")
        }
        let applicationId = String(words[1])
        let baseURL = String(words[2])
        return SparkDriver(
            applicationId: applicationId, baseURL: baseURL, startSeconds: Date().timeIntervalSince(began),
            checkpoint: (path: String(words[3]), marker: String(words[4]), queryID: String(words[5])), process: process,
            stdin: input)
    }
}
