import Foundation
import SparkDeployCore

/// How a stage ended.
public enum StageOutcome: String, Sendable {
    /// Still running (only while the run is in progress).
    case running
    /// Returned normally.
    case succeeded
    /// Raised an error.
    case failed
    /// Stopped by the deadline or a signal.
    case cancelled
}

/// One `stage(name, fn)` of a run, for the summary.
public struct StageRecord: Sendable, Equatable {
    /// The stage name.
    public var name: String
    /// Start, in the run clock's epoch seconds.
    public var startedAt: Double
    /// Wall-clock duration in seconds.
    public var duration: Double
    /// How it ended.
    public var outcome: StageOutcome
    /// The error message, when it failed.
    public var error: String?
    /// Start in wall-clock epoch seconds.
    public var wallStartedAt: Double = 0
    /// Duration on the run clock, when it is virtual (`--sandbox`); nil on the real clock.
    public var virtualDuration: Double?

    mutating func finish(clock: any DeployClock) {
        duration = Date().timeIntervalSince1970 - wallStartedAt
        if clock.rate != 1 { virtualDuration = clock.now() - startedAt }
    }
}

/// One change made (or, in dry-run, that would have been made) to a remote system: the audit trail.
public struct MutationRecord: Sendable, Equatable {
    /// When, in the run clock's epoch seconds.
    public var time: Double
    /// The operation, e.g. `yarn.kill`, `emr.add_step`.
    public var action: String
    /// What it acted on, e.g. an application or step id.
    public var target: String
    /// Short details (`name=Aggregator jar=s3://…`).
    public var details: String
    /// Whether it was only logged (`--dry-run`).
    public var dryRun: Bool
    /// The stage it happened in.
    public var stage: String?
}
