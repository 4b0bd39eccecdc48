/// One attempt of a YARN application.
struct SimAttempt: Sendable {
    var number: Int
    var started: Double
    var finished: Double?
    var state: String
    /// When this attempt reached RUNNING (its driver's micro-batches count from here), if it did.
    var runningSince: Double?
}

/// A YARN application in the coupled model.
struct YarnApp: Sendable {
    var id: String
    var seq: Int
    var name: String
    var user: String
    var queue: String
    var applicationType: String
    var tags: [String]
    /// The RM's internal state (NEW_SAVING … RUNNING, KILLING, FINAL_SAVING, FINISHING, FINISHED, FAILED, KILLED).
    var internalState: String
    /// State before a kill started (shown by list/app views until the app flips to KILLED).
    var visibleState: String
    var finalStatus: String = "UNDEFINED"
    var diagnostics: String = ""
    var startedTime: Double
    var launchTime: Double?
    var finishedTime: Double?
    /// Moment of the next lifecycle transition, if any.
    var nextAt: Double?
    var attempts: [SimAttempt] = []
    var stepId: String?
    var clusterId: String?
    /// Seconds RUNNING before FINISHED/SUCCEEDED; `nil` = streaming.
    var runSeconds: Double?
    var crashAfter: Double?
    var maxAttempts: Int = 2
    var failToStart: Bool = false
    /// How the Spark driver behaves while RUNNING (``Fault/sparkBehaviour(appName:build:behaviour:)``).
    var sparkBehaviour: SparkBehaviour = .healthy
    /// The checkpoint and stop marker a streaming Spark step gave (`--conf`), and how far it has written.
    var streaming: StreamingCheckpoint?
    /// When the app ends FINISHED because its query saw the stop marker; nil until it does.
    var stopMarkerFinishesAt: Double?
    /// The build never looks for its stop marker (``Fault/markerIgnored(appName:build:)``).
    var ignoresStopMarker: Bool = false
    /// The build fails soon after RUNNING with Spark's state-schema error
    /// (``Fault/checkpointIncompatible(appName:build:)``).
    var checkpointIncompatible: Bool = false
    /// The step's `--class`, when it gave one (named by the AM's logs).
    var mainClass: String?
    var killEndAt: Double?
    var killEndsFinished: Bool = false
    var priority: Int = 0
    var memoryMB: Int = 4096
    var vcores: Int = 3
    var containers: Int = 3
    var unmanaged: Bool = false
    /// Cached JSON of a terminal app (its encoding no longer changes).
    var cachedJSON: [UInt8]?

    static let terminal: Set<String> = ["FINISHED", "FAILED", "KILLED"]

    /// The RM's diagnostics of an app that failed because its last AM container exited with `exitCode`.
    func amFailedDiagnostics(times: Int, exitCode: Int) -> String {
        "Application \(id) failed \(times) times due to AM Container for "
            + "\(IDs.amContainer(appId: id, attempt: attempts.count)) exited with exitCode: \(exitCode)"
    }
    var isTerminal: Bool { Self.terminal.contains(internalState) }
    /// The state the public views (list, app) report.
    var publicState: String {
        switch internalState {
        case "KILLING", "FINAL_SAVING", "FINISHING": return visibleState
        default: return internalState
        }
    }
}
