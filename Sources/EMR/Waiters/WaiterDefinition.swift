/// Which states end a waiter, and how.
public struct WaiterDefinition: Sendable, Equatable {
    /// The waiter's name (`clusterRunning`).
    public var name: String
    /// States that mean success.
    public var success: Set<String>
    /// States that mean failure (waiting longer cannot help).
    public var failure: Set<String>

    /// Creates a definition.
    public init(name: String, success: Set<String>, failure: Set<String>) {
        self.name = name
        self.success = success
        self.failure = failure
    }

    /// botocore's ClusterRunning: RUNNING or WAITING; fails on TERMINATING, TERMINATED, TERMINATED_WITH_ERRORS.
    public static let clusterRunning = WaiterDefinition(
        name: "clusterRunning", success: ["RUNNING", "WAITING"],
        failure: ["TERMINATING", "TERMINATED", "TERMINATED_WITH_ERRORS"])
    /// botocore's ClusterTerminated: TERMINATED; fails on TERMINATED_WITH_ERRORS.
    public static let clusterTerminated = WaiterDefinition(
        name: "clusterTerminated", success: ["TERMINATED"], failure: ["TERMINATED_WITH_ERRORS"])
    /// botocore's StepComplete (COMPLETED; fails on FAILED, CANCELLED) plus INTERRUPTED as a failure — botocore
    /// has no acceptor for it and would wait until its attempts run out.
    public static let stepComplete = WaiterDefinition(
        name: "stepComplete", success: ["COMPLETED"], failure: ["FAILED", "CANCELLED", "INTERRUPTED"])
    /// Ours: the step reached RUNNING (or already COMPLETED, so it did run); fails on FAILED, CANCELLED,
    /// INTERRUPTED and CANCEL_PENDING.
    public static let stepRunning = WaiterDefinition(
        name: "stepRunning", success: ["RUNNING", "COMPLETED"],
        failure: ["FAILED", "CANCELLED", "INTERRUPTED", "CANCEL_PENDING"])
}
