import AWSCore
import Logging
import SparkDeployCore

struct ListStepsInput: Encodable, Sendable {
    var ClusterId: String
    var StepStates: [String]?
    var StepIds: [String]?
    var Marker: String?
}
struct ListStepsOutput: Decodable {
    var Steps: [Step]?
    var Marker: String?
}
struct DescribeStepInput: Encodable, Sendable {
    var ClusterId: String
    var StepId: String
}
struct DescribeStepOutput: Decodable { var Step: Step }
struct AddJobFlowStepsInput: Encodable, Sendable {
    var JobFlowId: String
    var Steps: [StepConfig]
    var ExecutionRoleArn: String?
}
struct AddJobFlowStepsOutput: Decodable { var StepIds: [String]? }
struct CancelStepsInput: Encodable, Sendable {
    var ClusterId: String
    var StepIds: [String]
    var StepCancellationOption: String?
}
struct CancelStepsOutput: Decodable { var CancelStepsInfoList: [CancelStepsInfo]? }

extension EMRClient {
    /// ListSteps, every page (newest first, 50 a page).
    /// - Parameters:
    ///   - clusterId: the cluster.
    ///   - states: only steps in these states (all when empty).
    ///   - stepIds: only these steps (all when empty).
    ///   - createdSince: stop paging once steps are older than this (epoch seconds); they are not returned.
    ///   - logger: receives one debug line per attempt.
    /// - Throws: ``EMRError``, `CredentialError`.
    public func listSteps(
        clusterId: String, states: [StepState] = [], stepIds: [String] = [],
        createdSince: Double? = nil, logger: Logger
    ) async throws -> [Step] {
        var all: [Step] = []
        var marker: String?
        var pages = 0
        repeat {
            let input = ListStepsInput(
                ClusterId: clusterId, StepStates: states.isEmpty ? nil : states.map(\.rawValue),
                StepIds: stepIds.isEmpty ? nil : stepIds, Marker: marker)
            let page = try await call("ListSteps", input, as: ListStepsOutput.self, logger: logger)
            let steps = page.Steps ?? []
            if let since = createdSince {
                let recent = steps.filter { ($0.createdAt ?? .infinity) >= since }
                all += recent
                if recent.count < steps.count { break }
            } else {
                all += steps
            }
            marker = page.Marker.flatMap { $0.isEmpty ? nil : $0 }
            pages += 1
        } while marker != nil && pages < 1000
        return all
    }

    /// DescribeStep.
    /// - Throws: ``EMRError``.
    public func describeStep(clusterId: String, stepId: String, logger: Logger) async throws -> Step {
        try await call(
            "DescribeStep", DescribeStepInput(ClusterId: clusterId, StepId: stepId),
            as: DescribeStepOutput.self, logger: logger
        ).Step
    }

    /// AddJobFlowSteps, safe against duplicates: after an ambiguous failure it looks (ListSteps, newest first)
    /// for steps with the same names created since the call began, and sends again only if there are none.
    /// - Returns: the new step ids, in the order of `steps`.
    /// - Throws: ``EMRError`` (kind `outcomeUnknown` when only some of the
    ///   steps were found).
    public func addJobFlowSteps(
        clusterId: String, steps: [StepConfig], executionRoleArn: String? = nil,
        logger: Logger
    ) async throws -> [String] {
        let started = clock.now()
        let input = AddJobFlowStepsInput(JobFlowId: clusterId, Steps: steps, ExecutionRoleArn: executionRoleArn)
        return try await submitOnce(
            operation: "AddJobFlowSteps", logger: logger,
            send: {
                let ids =
                    try await self.call(
                        "AddJobFlowSteps", input, as: AddJobFlowStepsOutput.self,
                        idempotent: false, logger: logger
                    ).StepIds ?? []
                guard ids.count == steps.count else {
                    throw EMRError.unreadable(
                        operation: "AddJobFlowSteps", endpoint: self.endpoint, status: 200,
                        reason: "StepIds holds \(ids.count) ids for \(steps.count) steps")
                }
                return ids
            },
            findExisting: {
                let recent = try await self.listSteps(
                    clusterId: clusterId, createdSince: started - self.creationSlack,
                    logger: logger)
                // Oldest first, so that several steps of one call map in order.
                var candidates = Array(recent.reversed())
                var ids: [String] = []
                for step in steps {
                    if let index = candidates.firstIndex(where: { $0.name.hasSameBytes(as: step.name) }) {
                        ids.append(candidates[index].id)
                        candidates.remove(at: index)
                    }
                }
                if ids.isEmpty { return nil }
                guard ids.count == steps.count else {
                    throw EMRError.outcomeUnknown(
                        operation: "AddJobFlowSteps", endpoint: self.endpoint,
                        reason: "found \(ids.count) of \(steps.count) steps after an ambiguous "
                            + "failure: \(ids.joined(separator: ", "))")
                }
                return ids
            })
    }

    /// Adds one step. See ``addJobFlowSteps(clusterId:steps:executionRoleArn:logger:)``.
    /// - Throws: as ``addJobFlowSteps(clusterId:steps:executionRoleArn:logger:)``.
    public func addStep(clusterId: String, step: StepConfig, logger: Logger) async throws -> String {
        let ids = try await addJobFlowSteps(clusterId: clusterId, steps: [step], logger: logger)
        guard let id = ids.first else {
            throw EMRError.unreadable(
                operation: "AddJobFlowSteps", endpoint: endpoint, status: 200,
                reason: "no StepIds in the response")
        }
        return id
    }

    /// CancelSteps (≤ 256 ids). Asynchronous on EMR's side: confirm by polling the steps.
    /// - Throws: ``EMRError``.
    public func cancelSteps(
        clusterId: String, stepIds: [String], option: StepCancellationOption? = nil,
        logger: Logger
    ) async throws -> [CancelStepsInfo] {
        try await call(
            "CancelSteps",
            CancelStepsInput(
                ClusterId: clusterId, StepIds: stepIds,
                StepCancellationOption: option?.rawValue),
            as: CancelStepsOutput.self, logger: logger
        ).CancelStepsInfoList ?? []
    }
}
