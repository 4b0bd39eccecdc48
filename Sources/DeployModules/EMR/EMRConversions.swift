import AWSCore
import EMR
import Foundation
import HTTPTransport
import LuaHost

/// Converts between EMR client types and the Lua tables recipes see.
enum EMRConversions {
    /// The tag naming a cluster's ResourceManager URL(s) (set by the simulator; teams may set it
    /// on real clusters reached through a gateway).
    static let yarnURLTag = "sparkdeploy:yarn-url"

    static func table(_ cluster: Cluster) -> LuaValue {
        var tags: [String: LuaValue] = [:]
        for tag in cluster.tags ?? [] { tags[tag.key] = .string(tag.value ?? "") }
        var fields: [String: LuaValue] = [
            "id": .string(cluster.id), "name": .optional(cluster.name), "state": .optional(cluster.state?.rawValue),
            "master_dns": .optional(cluster.masterPublicDnsName), "release_label": .optional(cluster.releaseLabel),
            "step_concurrency_level": .optional(cluster.stepConcurrencyLevel.map(Int64.init)), "tags": .map(tags),
            "state_reason": .optional(cluster.status?.stateChangeReason?.message),
            "created_at": .optional(cluster.status?.timeline?.creationDateTime?.epochSeconds),
        ]
        if let urls = cluster.tag(yarnURLTag) {
            fields["yarn_urls"] = .array(urls.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        }
        return .map(fields)
    }

    static func table(_ summary: ClusterSummary) -> LuaValue {
        .map([
            "id": .string(summary.id), "name": .optional(summary.name), "state": .optional(summary.state?.rawValue),
            "created_at": .optional(summary.status?.timeline?.creationDateTime?.epochSeconds),
        ])
    }

    static func table(_ step: Step) -> LuaValue {
        var fields: [String: LuaValue] = [
            "id": .string(step.id), "name": .optional(step.name), "state": .optional(step.state?.rawValue),
            "action_on_failure": .optional(step.actionOnFailure), "jar": .optional(step.config?.jar),
            "args": .array(step.config?.args ?? []), "created_at": .optional(step.createdAt),
            "started_at": .optional(step.status?.timeline?.startDateTime?.epochSeconds),
            "ended_at": .optional(step.status?.timeline?.endDateTime?.epochSeconds),
            "failure": .optional(step.status?.failureDetails?.message ?? step.status?.failureDetails?.reason),
        ]
        if let details = step.status?.failureDetails {
            fields["failure_details"] = .map([
                "reason": .optional(details.reason), "message": .optional(details.message), "log_file": .optional(details.logFile),
            ])
        }
        if let spec = try? SparkStepSpec(step: step) {
            var conf: [String: LuaValue] = [:]
            for (k, v) in spec.conf { conf[k] = .string(v) }
            fields["spark"] = .map([
                "name": .string(spec.name), "jar": .string(spec.application), "class": .optional(spec.mainClass),
                "args": .array(spec.args), "conf": .map(conf), "deploy_mode": .string(spec.deployMode),
                "tags": .array(spec.tags),
            ])
        }
        return .map(fields)
    }

    /// The cluster id in a cluster table or an id string.
    static func clusterID(_ value: LuaValue, function: String, index: Int = 1) throws -> String {
        if let s = value.stringValue { return s }
        if let id = value.tableValue?["id"].stringValue { return id }
        throw HostError.argument(function, index: index, name: "cluster", expected: "cluster table or cluster id", got: value.typeName)
    }

    /// The step id in a step table or an id string.
    static func stepID(_ value: LuaValue, function: String, index: Int) throws -> String {
        if let s = value.stringValue { return s }
        if let id = value.tableValue?["id"].stringValue { return id }
        throw HostError.argument(function, index: index, name: "step", expected: "step table or step id", got: value.typeName)
    }
}

extension HostError {
    /// The Lua-facing form of an `emr.wait_*` that ended without success: `subject` (`step s-…`) ended in a
    /// terminal state it was not waiting for, or the deadline passed (with the last state seen).
    init(waited error: WaiterError, subject: String, targets: Set<String>, timeout: Double) {
        let awaited = targets.sorted().joined(separator: "|")
        let detail = error.detail.map { ": \($0)" } ?? ""
        let last = error.lastState ?? "never seen"
        switch error.reason {
        case .failureState:
            self.init(
                kind: .failed, message: "\(subject) ended \(last) while waiting for \(awaited)" + detail,
                code: "emr.unexpectedState", details: ["last_state": .string(last)])
        case .deadlineExceeded:
            self.init(
                kind: .timeout,
                message: "timed out after \(Int(timeout)) s waiting for \(subject) to be \(awaited) "
                    + "(last state \(last), \(error.polls) polls)" + detail,
                code: "emr.timeout", details: ["last_state": .string(last)])
        }
    }

    /// The Lua-facing form of an EMR client error.
    init(emr error: any Error, operation: String) {
        switch error {
        case let e as EMRError:
            self.init(emr: e, operation: operation)
        case let e as HostError:
            self = e
        default:
            self.init(kind: .remote, message: "\(operation): \(error)", code: String(describing: type(of: error)))
        }
    }

    /// The Lua-facing form of an ``EMRError``: EMR's code for service errors, `transport.<kind>`,
    /// `emr.outcomeUnknown` (never to be retried blindly: the call may have taken effect) or `emr.unreadableResponse`.
    private init(emr e: EMRError, operation: String) {
        switch e.kind {
        case .service:
            self.init(
                kind: .remote, message: e.description, code: e.code ?? "", status: e.status,
                retryable: e.isRetryable, details: ["operation": .string(operation)])
        case .transport:
            let kind = e.transportFailure?.kind ?? .other
            self.init(
                kind: kind == .cancelled ? .cancelled : .remote, message: e.description,
                code: "transport." + kind.rawValue, retryable: e.isRetryable)
        case .outcomeUnknown:
            self.init(
                kind: .remote, message: e.description, code: "emr.outcomeUnknown", retryable: false,
                details: ["operation": .string(e.operation)])
        case .unreadableResponse:
            self.init(
                kind: .remote, message: e.description, code: "emr.unreadableResponse", status: e.status,
                details: ["operation": .string(e.operation)])
        }
    }
}
