/// A state as EMR sends it: the one representation of cluster and step states in the client.
///
/// Decision (issue 19): a state is an open set of wire strings, so ``ClusterState`` and ``StepState`` are
/// `RawRepresentable` structs with named constants, not enums: a state EMR adds later decodes as itself and
/// reaches recipes (as the same string) instead of failing the whole response. Both get their `Codable`
/// (a single JSON string) from the standard library's `RawRepresentable` defaults and their description
/// from here; which states end a wait is the waiters' business (`WaiterDefinition`), not the state's.
public protocol EMRWireState: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible
where RawValue == String {}

extension EMRWireState {
    /// The wire value.
    public var description: String { rawValue }
}

/// A cluster's state (`WAITING`). Unknown values decode as themselves, so a new state never breaks decoding.
public struct ClusterState: EMRWireState {
    /// The wire value (`WAITING`).
    public var rawValue: String
    /// Creates a state from its wire value.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `STARTING`.
    public static let starting = ClusterState(rawValue: "STARTING")
    /// `BOOTSTRAPPING`.
    public static let bootstrapping = ClusterState(rawValue: "BOOTSTRAPPING")
    /// `RUNNING`.
    public static let running = ClusterState(rawValue: "RUNNING")
    /// `WAITING`.
    public static let waiting = ClusterState(rawValue: "WAITING")
    /// `TERMINATING`.
    public static let terminating = ClusterState(rawValue: "TERMINATING")
    /// `TERMINATED`.
    public static let terminated = ClusterState(rawValue: "TERMINATED")
    /// `TERMINATED_WITH_ERRORS`.
    public static let terminatedWithErrors = ClusterState(rawValue: "TERMINATED_WITH_ERRORS")
    /// States in which a cluster accepts steps.
    public static let active: [ClusterState] = [.starting, .bootstrapping, .running, .waiting]
    /// States a cluster never leaves.
    public static let terminal: [ClusterState] = [.terminated, .terminatedWithErrors]
    /// Whether the cluster has ended.
    public var isTerminal: Bool { Self.terminal.contains(self) }
}

/// A step's state (`RUNNING`). Unknown values decode as themselves.
public struct StepState: EMRWireState {
    /// The wire value (`RUNNING`).
    public var rawValue: String
    /// Creates a state from its wire value.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `PENDING`.
    public static let pending = StepState(rawValue: "PENDING")
    /// `CANCEL_PENDING`.
    public static let cancelPending = StepState(rawValue: "CANCEL_PENDING")
    /// `RUNNING`.
    public static let running = StepState(rawValue: "RUNNING")
    /// `COMPLETED`.
    public static let completed = StepState(rawValue: "COMPLETED")
    /// `CANCELLED`.
    public static let cancelled = StepState(rawValue: "CANCELLED")
    /// `FAILED`.
    public static let failed = StepState(rawValue: "FAILED")
    /// `INTERRUPTED`.
    public static let interrupted = StepState(rawValue: "INTERRUPTED")
    /// States a step never leaves.
    public static let terminal: [StepState] = [.completed, .cancelled, .failed, .interrupted]
    /// Whether the step has ended.
    public var isTerminal: Bool { Self.terminal.contains(self) }
}

/// What EMR does when a step fails.
public enum ActionOnFailure: String, Codable, Sendable, CaseIterable {
    /// Terminate the cluster (legacy name).
    case terminateJobFlow = "TERMINATE_JOB_FLOW"
    /// Terminate the cluster.
    case terminateCluster = "TERMINATE_CLUSTER"
    /// Cancel later steps and wait.
    case cancelAndWait = "CANCEL_AND_WAIT"
    /// Go on with the next step (the only safe value for streaming deploys).
    case `continue` = "CONTINUE"
}

/// How CancelSteps stops a running step.
public enum StepCancellationOption: String, Codable, Sendable {
    /// Send SIGINT (the default).
    case sendInterrupt = "SEND_INTERRUPT"
    /// Kill the step's process.
    case terminateProcess = "TERMINATE_PROCESS"
}
