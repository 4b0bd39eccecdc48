import AWSCore
import Logging
import SparkDeployCore

extension EMRClient {
    /// Waits until the cluster is RUNNING or WAITING (botocore's ClusterRunning).
    /// - Parameters:
    ///   - clusterId: the cluster.
    ///   - timeout: seconds of clock time.
    ///   - poll: the schedule (default: 2 s growing to 30 s, ≤ 1 request/s per cluster).
    ///   - logger: receives a debug line per poll.
    /// - Returns: the cluster as last described.
    /// - Throws: ``WaiterError`` with the last state seen; API errors other than throttling.
    public func waitUntilClusterRunning(_ clusterId: String, timeout: Double, poll: AdaptivePoll = .emrDefault,
                                        logger: Logger) async throws -> Cluster {
        try await waitForCluster(clusterId, definition: .clusterRunning, timeout: timeout, poll: poll, logger: logger)
    }

    /// Waits until the cluster is TERMINATED (botocore's ClusterTerminated).
    /// - Throws: ``WaiterError``; API errors other than throttling.
    public func waitUntilClusterTerminated(_ clusterId: String, timeout: Double, poll: AdaptivePoll = .emrDefault,
                                           logger: Logger) async throws -> Cluster {
        try await waitForCluster(clusterId, definition: .clusterTerminated, timeout: timeout, poll: poll, logger: logger)
    }

    /// Waits until the step is COMPLETED (botocore's StepComplete, INTERRUPTED also failing).
    /// - Throws: ``WaiterError``; API errors other than throttling.
    public func waitUntilStepComplete(clusterId: String, stepId: String, timeout: Double,
                                      poll: AdaptivePoll = .emrDefault, logger: Logger) async throws -> Step {
        try await waitForStep(clusterId: clusterId, stepId: stepId, definition: .stepComplete, timeout: timeout,
                              poll: poll, logger: logger)
    }

    /// Waits until the step is RUNNING (or already COMPLETED).
    /// - Throws: ``WaiterError``; API errors other than throttling.
    public func waitUntilStepRunning(clusterId: String, stepId: String, timeout: Double,
                                     poll: AdaptivePoll = .emrDefault, logger: Logger) async throws -> Step {
        try await waitForStep(clusterId: clusterId, stepId: stepId, definition: .stepRunning, timeout: timeout,
                              poll: poll, logger: logger)
    }

    private func waitForCluster(_ clusterId: String, definition: WaiterDefinition, timeout: Double,
                                poll: AdaptivePoll, logger: Logger) async throws -> Cluster {
        try await runWaiter(definition: definition, resource: clusterId, timeout: timeout, poll: poll, logger: logger) {
            let cluster = try await self.describeCluster(clusterId, logger: logger)
            return (cluster.state?.rawValue ?? "UNKNOWN", cluster, cluster.status?.stateChangeReason?.message)
        }
    }

    private func waitForStep(clusterId: String, stepId: String, definition: WaiterDefinition, timeout: Double,
                             poll: AdaptivePoll, logger: Logger) async throws -> Step {
        try await runWaiter(definition: definition, resource: "\(clusterId)/\(stepId)", timeout: timeout, poll: poll,
                            logger: logger) {
            let step = try await self.describeStep(clusterId: clusterId, stepId: stepId, logger: logger)
            let detail = step.status?.failureDetails?.message ?? step.status?.stateChangeReason?.message
            return (step.state?.rawValue ?? "UNKNOWN", step, detail)
        }
    }

    private func runWaiter<Value: Sendable>(definition: WaiterDefinition, resource: String, timeout: Double,
                                            poll: AdaptivePoll, logger: Logger,
                                            fetch: @Sendable () async throws -> (String, Value, String?))
        async throws -> Value {
        let start = clock.now()
        var machine = WaiterMachine(definition: definition, poll: poll, deadline: start + timeout)
        var lastDetail: String?
        while true {
            let decision: WaiterMachine.Decision
            do {
                let (state, value, detail) = try await fetch()
                lastDetail = detail
                decision = machine.observe(state: state, now: clock.now())
                logger.debug("waiter poll", metadata: [
                    "emr.waiter": "\(definition.name)", "emr.resource": "\(resource)", "emr.state": "\(state)",
                    "emr.poll": "\(machine.polls)",
                ])
                if case .success = decision { return value }
            } catch let error as AWSError where error.isThrottling {
                decision = machine.observeThrottled(now: clock.now())
            }
            switch decision {
            case .success:
                continue
            case .failure:
                throw WaiterError(waiter: definition.name, resource: resource, reason: .failureState,
                                  lastState: machine.lastState, polls: machine.polls, elapsed: clock.now() - start,
                                  detail: lastDetail)
            case .timedOut:
                throw WaiterError(waiter: definition.name, resource: resource, reason: .deadlineExceeded,
                                  lastState: machine.lastState, polls: machine.polls, elapsed: clock.now() - start,
                                  detail: lastDetail)
            case .wait(let seconds):
                try await clock.sleep(seconds: seconds)
            }
        }
    }
}

extension AdaptivePoll {
    /// EMR's schedule: first poll after 2 s, growing 1.5× to 30 s (botocore polls every 30 s from the start).
    public static let emrDefault = AdaptivePoll(initial: 2, factor: 1.5, maximum: 30)
}
