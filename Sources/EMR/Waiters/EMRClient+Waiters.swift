import AWSCore
import Logging
import SparkDeployCore

extension EMRClient {
    /// Waits until the cluster is RUNNING or WAITING (botocore's ClusterRunning).
    /// - Parameters:
    ///   - clusterId: the cluster.
    ///   - timeout: seconds of clock time.
    ///   - poll: the schedule (default ``AdaptivePoll/emrDefault``).
    ///   - logger: receives a debug line per poll.
    /// - Returns: the cluster as last described.
    /// - Throws: ``WaiterError`` with the last state seen; API errors other than throttling.
    public func waitUntilClusterRunning(
        _ clusterId: String, timeout: Double, poll: AdaptivePoll = .emrDefault,
        logger: Logger
    ) async throws -> Cluster {
        try await waitForCluster(clusterId, until: .clusterRunning, timeout: timeout, poll: poll, logger: logger)
    }

    /// Waits until the cluster is TERMINATED (botocore's ClusterTerminated).
    /// - Throws: ``WaiterError``; API errors other than throttling.
    public func waitUntilClusterTerminated(
        _ clusterId: String, timeout: Double, poll: AdaptivePoll = .emrDefault,
        logger: Logger
    ) async throws -> Cluster {
        try await waitForCluster(clusterId, until: .clusterTerminated, timeout: timeout, poll: poll, logger: logger)
    }

    /// Waits until the step is COMPLETED (botocore's StepComplete, INTERRUPTED also failing).
    /// - Throws: ``WaiterError``; API errors other than throttling.
    public func waitUntilStepComplete(
        clusterId: String, stepId: String, timeout: Double,
        poll: AdaptivePoll = .emrDefault, logger: Logger
    ) async throws -> Step {
        try await waitForStep(
            clusterId: clusterId, stepId: stepId, until: .stepComplete, timeout: timeout,
            poll: poll, logger: logger)
    }

    /// Waits until the step is RUNNING (or already COMPLETED).
    /// - Throws: ``WaiterError``; API errors other than throttling.
    public func waitUntilStepRunning(
        clusterId: String, stepId: String, timeout: Double,
        poll: AdaptivePoll = .emrDefault, logger: Logger
    ) async throws -> Step {
        try await waitForStep(
            clusterId: clusterId, stepId: stepId, until: .stepRunning, timeout: timeout,
            poll: poll, logger: logger)
    }

    /// Waits until the cluster satisfies `definition` (e.g. ``WaiterDefinition/cluster(_:reaching:failing:)``).
    /// - Returns: the cluster as last described.
    /// - Throws: ``WaiterError`` with the last state seen and EMR's reason; API errors other than throttling;
    ///   `CancellationError` when the task is cancelled.
    public func waitForCluster(
        _ clusterId: String, until definition: WaiterDefinition, timeout: Double,
        poll: AdaptivePoll = .emrDefault, logger: Logger
    ) async throws -> Cluster {
        try await runWaiter(definition: definition, resource: clusterId, timeout: timeout, poll: poll, logger: logger) {
            let cluster = try await self.describeCluster(clusterId, logger: logger)
            return (cluster.state?.rawValue ?? "UNKNOWN", cluster, cluster.status?.stateChangeReason?.message)
        }
    }

    /// Waits until the step satisfies `definition` (e.g. ``WaiterDefinition/step(_:reaching:failing:)``).
    /// - Returns: the step as last described.
    /// - Throws: ``WaiterError`` with the last state seen and the failure details; API errors other than
    ///   throttling; `CancellationError` when the task is cancelled.
    public func waitForStep(
        clusterId: String, stepId: String, until definition: WaiterDefinition, timeout: Double,
        poll: AdaptivePoll = .emrDefault, logger: Logger
    ) async throws -> Step {
        try await runWaiter(
            definition: definition, resource: "\(clusterId)/\(stepId)", timeout: timeout, poll: poll,
            logger: logger
        ) {
            let step = try await self.describeStep(clusterId: clusterId, stepId: stepId, logger: logger)
            let detail = step.status?.failureDetails?.message ?? step.status?.stateChangeReason?.message
            return (step.state?.rawValue ?? "UNKNOWN", step, detail)
        }
    }

    /// One EMR wait on the shared ``Waiter``: `fetch` describes the resource (state, value, EMR's reason);
    /// throttled polls are retried on the schedule.
    private func runWaiter<Value: Sendable>(
        definition: WaiterDefinition, resource: String, timeout: Double,
        poll: AdaptivePoll, logger: Logger,
        fetch: () async throws -> (String, Value, String?)
    )
        async throws -> Value
    {
        var lastDetail: String?
        let waiter = Waiter(clock: clock, poll: poll, timeout: timeout)
        return try await waiter.run(
            { (progress: WaitProgress) async throws -> WaitStep<Value, any Error> in
                let state: String
                let value: Value
                do {
                    (state, value, lastDetail) = try await fetch()
                } catch let error as EMRError where error.isThrottling {
                    return .retry
                }
                logger.debug(
                    "waiter poll",
                    metadata: [
                        "emr.waiter": "\(definition.name)", "emr.resource": "\(resource)", "emr.state": "\(state)",
                        "emr.poll": "\(progress.polls + 1)",
                    ])
                switch definition.states.match(state) {
                case .success: return .done(value)
                case .failure: return .failed(WaiterMatchedFailure(), state: state)
                case .pending: return .pending(state: state)
                }
            },
            end: { ending, progress in
                switch ending {
                case .failed:
                    return WaiterError(
                        waiter: definition.name, resource: resource, reason: .failureState,
                        progress: progress, detail: lastDetail)
                case .deadlineExceeded:
                    return WaiterError(
                        waiter: definition.name, resource: resource, reason: .deadlineExceeded,
                        progress: progress, detail: lastDetail)
                case .cancelled:
                    return CancellationError()
                }
            })
    }
}

/// A failure state matched; ``WaiterError`` is built from the wait's progress.
private struct WaiterMatchedFailure: Error {}

extension AdaptivePoll {
    /// EMR's schedule: first poll after 1.5 s, growing 1.5× to 5 s — on average well under one DescribeStep or
    /// DescribeCluster per second (EMR's API limits are low), while a state change is seen within seconds
    /// (botocore polls every 30 s).
    public static let emrDefault = AdaptivePoll(initial: 1.5, factor: 1.5, maximum: 5)
}
