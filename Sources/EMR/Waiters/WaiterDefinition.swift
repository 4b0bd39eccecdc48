import SparkDeployCore

/// An EMR waiter: its name and which states end it, and how. Terminal states come from
/// ``StepState/terminal`` and ``ClusterState/terminal``: a waiter fails as soon as the resource
/// reaches a terminal state it was not waiting for.
public struct WaiterDefinition: Sendable, Equatable {
    /// The waiter's name (`clusterRunning`).
    public var name: String
    /// Success and failure states.
    public var states: StateMatcher

    /// Creates a definition.
    public init(name: String, states: StateMatcher) {
        self.name = name
        self.states = states
    }

    /// Waits for the step to reach one of `targets`; fails on any other terminal state and on `failing`.
    public static func step(
        _ name: String = "stepState", reaching targets: Set<StepState>,
        failing: Set<StepState> = []
    ) -> WaiterDefinition {
        WaiterDefinition(
            name: name,
            states: StateMatcher(
                awaiting: Set(targets.map(\.rawValue)),
                terminal: StepState.terminal.map(\.rawValue) + failing.map(\.rawValue)))
    }

    /// Waits for the cluster to reach one of `targets`; fails on any other terminal state and on `failing`.
    public static func cluster(
        _ name: String = "clusterState", reaching targets: Set<ClusterState>,
        failing: Set<ClusterState> = []
    ) -> WaiterDefinition {
        WaiterDefinition(
            name: name,
            states: StateMatcher(
                awaiting: Set(targets.map(\.rawValue)),
                terminal: ClusterState.terminal.map(\.rawValue) + failing.map(\.rawValue)))
    }

    /// botocore's ClusterRunning: RUNNING or WAITING; fails on TERMINATING, TERMINATED, TERMINATED_WITH_ERRORS.
    public static let clusterRunning = cluster("clusterRunning", reaching: [.running, .waiting], failing: [.terminating])
    /// botocore's ClusterTerminated: TERMINATED; fails on TERMINATED_WITH_ERRORS.
    public static let clusterTerminated = cluster("clusterTerminated", reaching: [.terminated])
    /// botocore's StepComplete (COMPLETED; fails on FAILED, CANCELLED) plus INTERRUPTED as a failure — botocore
    /// has no acceptor for it and would wait until its attempts run out.
    public static let stepComplete = step("stepComplete", reaching: [.completed])
    /// Ours: the step reached RUNNING (or already COMPLETED, so it did run); fails on FAILED, CANCELLED,
    /// INTERRUPTED and CANCEL_PENDING.
    public static let stepRunning = step("stepRunning", reaching: [.running, .completed], failing: [.cancelPending])
}
