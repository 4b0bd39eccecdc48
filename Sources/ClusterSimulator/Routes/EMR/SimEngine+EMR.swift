import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

extension SimEngine {
    /// Serves `POST /` with `X-Amz-Target: ElasticMapReduce.<Op>` (JSON 1.1).
    func handleEMR(_ request: Request, context: SimContext) async -> Response {
        var request = request
        let requestId = UUID().uuidString.lowercased()
        var headers: HTTPFields = [:]
        if let name = HTTPField.Name("x-amzn-RequestId") { headers[name] = requestId }
        let target = HTTPField.Name("X-Amz-Target").flatMap { request.headers[$0] } ?? ""
        let operation = target.hasPrefix("ElasticMapReduce.") ? String(target.dropFirst("ElasticMapReduce.".count)) : ""
        let fault: Fault? = withState { core, _ in
            core.count(operation.isEmpty ? "EMR.<missing target>" : "EMR.\(operation)")
            return core.takeTransportFault(target: .emr, operation: operation)
        }
        let slow = withState { core, _ in core.slowness(for: .emr) }
        if slow > 0 { try? await Task.sleep(nanoseconds: UInt64(slow * 1e9)) }
        switch fault {
        case .connectionReset:
            context.channel.close(promise: nil)
            return Responses.text(.internalServerError, "")
        case .serviceUnavailable:
            return Responses.json(
                .serviceUnavailable,
                EMRFault(
                    type: "ServiceUnavailable",
                    message: "Service is unavailable. Please try again later."
                ).body,
                headers: headers, contentType: "application/x-amz-json-1.1")
        case .emrThrottling:
            return Responses.json(
                .badRequest, EMRFault(type: "ThrottlingException", message: "Rate exceeded").body,
                headers: headers, contentType: "application/x-amz-json-1.1")
        default: break
        }
        guard request.method == .post, request.uri.path == "/" || request.uri.path.isEmpty else {
            return emrError(EMRFault(type: "UnknownOperationException", message: "Unknown operation"), headers)
        }
        guard !operation.isEmpty else {
            return emrError(
                EMRFault(
                    type: "UnknownOperationException",
                    message: target.isEmpty ? "Missing X-Amz-Target header" : "Unknown operation \(target)"),
                headers)
        }
        let bodyBuffer = (try? await request.collectBody(upTo: 16 * 1024 * 1024)) ?? ByteBuffer()
        let bodyData = Data(bodyBuffer.readableBytesView)
        let input: JSONValue
        if bodyData.isEmpty {
            input = .object([])
        } else if let parsed = JSONValue.parse(bodyData), parsed.objectValue != nil {
            input = parsed
        } else {
            return emrError(
                EMRFault(type: "SerializationException", message: "Start of structure or map found where not expected."), headers)
        }
        let result: Result<JSONValue, EMRFault> = withState { core, now in
            do {
                return .success(
                    try Self.emrOperation(
                        operation, input: input, core: &core, now: now,
                        yarnURL: self.yarnURLTagValue))
            } catch let error as EMRFault {
                return .failure(error)
            } catch {
                return .failure(EMRFault(type: "InternalServerError", message: "\(error)", status: 500))
            }
        }
        switch result {
        case let .success(value):
            return Responses.json(.ok, value, headers: headers, contentType: "application/x-amz-json-1.1")
        case let .failure(error):
            return emrError(error, headers)
        }
    }

    private func emrError(_ error: EMRFault, _ headers: HTTPFields) -> Response {
        Responses.json(
            .init(code: error.status), error.body, headers: headers,
            contentType: "application/x-amz-json-1.1")
    }

    /// Runs one EMR operation against the model.
    static func emrOperation(
        _ op: String, input: JSONValue, core: inout CoreState, now: Double,
        yarnURL: String
    ) throws -> JSONValue {
        let skew = core.model.scenario.emrClockAheadSeconds
        switch op {
        case "ListClusters": return try listClusters(input, core.model)
        case "DescribeCluster":
            let c = try cluster(input["ClusterId"], core.model)
            return .object([("Cluster", EMRShapes.cluster(c, skew: skew))])
        case "RunJobFlow": return try runJobFlow(input, &core.model, now: now, yarnURL: yarnURL)
        case "TerminateJobFlows":
            let ids = input["JobFlowIds"]?.stringArray ?? []
            guard !ids.isEmpty, ids.count <= 10 else {
                throw EMRFault.validation("JobFlowIds must contain between 1 and 10 cluster ids.")
            }
            for id in ids where core.model.clusters[id] == nil { throw EMRFault.invalidCluster(id) }
            for id in ids { core.model.terminate(id, at: now, code: "USER_REQUEST", message: "Terminated by user request") }
            return .object([])
        case "AddJobFlowSteps": return try addSteps(input, &core.model, now: now)
        case "ListSteps": return try listSteps(input, core.model)
        case "DescribeStep":
            let c = try cluster(input["ClusterId"], core.model)
            guard let sid = input["StepId"]?.stringValue, let s = core.model.steps[sid], s.clusterId == c.id else {
                throw EMRFault.invalidRequest("Step id '\(input["StepId"]?.stringValue ?? "")' is not valid.")
            }
            return .object([("Step", EMRShapes.step(s, full: true, skew: skew))])
        case "CancelSteps": return try cancelSteps(input, &core.model, now: now)
        case "ModifyCluster":
            let c = try cluster(input["ClusterId"], core.model)
            if let level = input["StepConcurrencyLevel"]?.intValue {
                guard (1...256).contains(level) else {
                    throw EMRFault.validation("StepConcurrencyLevel must be between 1 and 256.")
                }
                guard c.isActive else {
                    throw EMRFault.validation("A job flow that is shutting down, terminated, or finished may not be modified.")
                }
                core.model.clusters[c.id]?.stepConcurrencyLevel = level
                core.model.scheduleSteps(c.id, at: now)
                core.model.refreshClusterState(c.id, at: now)
                core.model.version += 1
            }
            return .object([("StepConcurrencyLevel", .int(Int64(core.model.clusters[c.id]?.stepConcurrencyLevel ?? 1)))])
        case "ListInstances":
            let c = try cluster(input["ClusterId"], core.model)
            return .object([("Instances", .array(EMRShapes.instances(c, skew: skew)))])
        case "ListInstanceGroups":
            let c = try cluster(input["ClusterId"], core.model)
            return .object([("InstanceGroups", .array(EMRShapes.instanceGroups(c, skew: skew)))])
        case "ListBootstrapActions":
            _ = try cluster(input["ClusterId"], core.model)
            return .object([("BootstrapActions", .array([]))])
        case "AddTags", "RemoveTags":
            guard let rid = input["ResourceId"]?.stringValue, core.model.clusters[rid] != nil else {
                throw EMRFault.invalidRequest("Resource id '\(input["ResourceId"]?.stringValue ?? "")' is not valid.")
            }
            if op == "AddTags" {
                for tag in input["Tags"]?.arrayValue ?? [] {
                    guard let key = tag["Key"]?.stringValue else { continue }
                    let value = tag["Value"]?.stringValue ?? ""
                    if let i = core.model.clusters[rid]?.tags.firstIndex(where: { $0.key == key }) {
                        core.model.clusters[rid]?.tags[i].value = value
                    } else {
                        core.model.clusters[rid]?.tags.append(ClusterTag(key: key, value: value))
                    }
                }
            } else {
                let keys = Set(input["TagKeys"]?.stringArray ?? [])
                core.model.clusters[rid]?.tags.removeAll { keys.contains($0.key) }
            }
            core.model.version += 1
            return .object([])
        default:
            throw EMRFault(type: "UnknownOperationException", message: "Unknown operation ElasticMapReduce.\(op)")
        }
    }

    static func cluster(_ id: JSONValue?, _ model: ClusterModel) throws -> SimCluster {
        guard let id = id?.stringValue else { throw EMRFault.validation("ClusterId is required.") }
        guard let c = model.clusters[id] else { throw EMRFault.invalidCluster(id) }
        return c
    }

    static func page(_ marker: JSONValue?) throws -> Int {
        guard let marker = marker?.stringValue else { return 0 }
        guard let offset = Int(marker), offset >= 0 else { throw EMRFault.invalidRequest("Marker '\(marker)' is not valid.") }
        return offset
    }

    static func listClusters(_ input: JSONValue, _ model: ClusterModel) throws -> JSONValue {
        let states = Set(input["ClusterStates"]?.stringArray ?? [])
        // The filters are in EMR's clock, which may run ahead of the cluster's (the simulator's).
        let skew = model.scenario.emrClockAheadSeconds
        let after = input["CreatedAfter"]?.doubleValue.map { $0 - skew }
        let before = input["CreatedBefore"]?.doubleValue.map { $0 - skew }
        let all = model.clusterOrder.reversed().compactMap { model.clusters[$0] }.filter { (c: SimCluster) -> Bool in
            let afterOK = after.map { c.created >= $0 } ?? true
            let beforeOK = before.map { c.created <= $0 } ?? true
            return (states.isEmpty || states.contains(c.state)) && afterOK && beforeOK
        }
        let start = try page(input["Marker"])
        let slice = all.dropFirst(start).prefix(50)
        var members: [(String, JSONValue)] = [
            ("Clusters", .array(slice.map { EMRShapes.clusterSummary($0, skew: model.scenario.emrClockAheadSeconds) }))
        ]
        if start + 50 < all.count { members.append(("Marker", .string(String(start + 50)))) }
        return .object(members)
    }

    static func listSteps(_ input: JSONValue, _ model: ClusterModel) throws -> JSONValue {
        let c = try cluster(input["ClusterId"], model)
        let states = Set(input["StepStates"]?.stringArray ?? [])
        let ids = Set(input["StepIds"]?.stringArray ?? [])
        // A query for live states only needs the live steps, not the cluster's whole history.
        let candidates =
            !states.isEmpty && states.isSubset(of: SimStep.liveStates)
            ? model.steps.live(in: c.id) : model.stepOrder[c.id] ?? []
        let all = candidates.reversed().compactMap { model.steps[$0] }.filter {
            (states.isEmpty || states.contains($0.state)) && (ids.isEmpty || ids.contains($0.id))
        }
        let start = try page(input["Marker"])
        let slice = all.dropFirst(start).prefix(50)
        var members: [(String, JSONValue)] = [
            ("Steps", .array(slice.map { EMRShapes.step($0, full: false, skew: model.scenario.emrClockAheadSeconds) }))
        ]
        if start + 50 < all.count { members.append(("Marker", .string(String(start + 50)))) }
        return .object(members)
    }

    static func parseSteps(
        _ steps: [JSONValue]
    ) throws -> [(
        name: String, aof: String, jar: String, main: String?,
        args: [String], props: [(String, String)]
    )] {
        try steps.map { step in
            guard let name = step["Name"]?.stringValue, let hjs = step["HadoopJarStep"], let jar = hjs["Jar"]?.stringValue
            else { throw EMRFault.validation("Each step needs a Name and a HadoopJarStep with a Jar.") }
            let aof = step["ActionOnFailure"]?.stringValue ?? "TERMINATE_CLUSTER"
            guard ["TERMINATE_JOB_FLOW", "TERMINATE_CLUSTER", "CANCEL_AND_WAIT", "CONTINUE"].contains(aof) else {
                throw EMRFault.validation(
                    "1 validation error detected: Value '\(aof)' at 'steps.1.member.actionOnFailure' "
                        + "failed to satisfy constraint: Member must satisfy enum value set: "
                        + "[TERMINATE_JOB_FLOW, TERMINATE_CLUSTER, CANCEL_AND_WAIT, CONTINUE]")
            }
            let props = (hjs["Properties"]?.arrayValue ?? []).compactMap { p -> (String, String)? in
                guard let k = p["Key"]?.stringValue else { return nil }
                return (k, p["Value"]?.stringValue ?? "")
            }
            return (name, aof, jar, hjs["MainClass"]?.stringValue, hjs["Args"]?.stringArray ?? [], props)
        }
    }

    static func addSteps(_ input: JSONValue, _ model: inout ClusterModel, now: Double) throws -> JSONValue {
        let c = try cluster(input["JobFlowId"], model)
        guard c.isActive else {
            throw EMRFault.validation("A job flow that is shutting down, terminated, or finished may not be modified.")
        }
        let parsed = try parseSteps(input["Steps"]?.arrayValue ?? [])
        let active = model.steps.live(in: c.id).count
        guard active + parsed.count <= 256 else {
            throw EMRFault.validation(
                "Maximum number of active steps(State = 'Running', 'Pending' or 'Cancel_Pending') "
                    + "for cluster exceeded.")
        }
        if c.stepConcurrencyLevel > 1, parsed.contains(where: { $0.aof != "CONTINUE" }) {
            throw EMRFault.validation(
                "Steps with ActionOnFailure other than CONTINUE are not supported when "
                    + "StepConcurrencyLevel is greater than 1.")
        }
        let role = input["ExecutionRoleArn"]?.stringValue
        let ids = parsed.map {
            model.addStep(
                clusterId: c.id, name: $0.name, actionOnFailure: $0.aof, jar: $0.jar, mainClass: $0.main,
                args: $0.args, properties: $0.props, executionRoleArn: role, at: now)
        }
        return .object([("StepIds", .array(ids.map { .string($0) }))])
    }

    static func cancelSteps(_ input: JSONValue, _ model: inout ClusterModel, now: Double) throws -> JSONValue {
        let c = try cluster(input["ClusterId"], model)
        let ids = input["StepIds"]?.stringArray ?? []
        guard ids.count <= 256 else { throw EMRFault.validation("At most 256 step ids may be cancelled at once.") }
        let option = input["StepCancellationOption"]?.stringValue ?? "SEND_INTERRUPT"
        guard ["SEND_INTERRUPT", "TERMINATE_PROCESS"].contains(option) else {
            throw EMRFault.validation(
                "1 validation error detected: Value '\(option)' at 'stepCancellationOption' failed "
                    + "to satisfy constraint: Member must satisfy enum value set: [SEND_INTERRUPT, TERMINATE_PROCESS]")
        }
        let infos: [JSONValue] = ids.map { id in
            let outcome: ClusterModel.CancelOutcome =
                model.steps[id]?.clusterId == c.id
                ? model.cancelStep(id, option: option, at: now) : .failed("Step id '\(id)' is not valid.")
            switch outcome {
            case .submitted:
                return .object([("StepId", .string(id)), ("Status", .string("SUBMITTED"))])
            case let .failed(reason):
                return .object([("StepId", .string(id)), ("Status", .string("FAILED")), ("Reason", .string(reason))])
            }
        }
        return .object([("CancelStepsInfoList", .array(infos))])
    }

    static func runJobFlow(_ input: JSONValue, _ model: inout ClusterModel, now: Double, yarnURL: String) throws -> JSONValue {
        guard let name = input["Name"]?.stringValue else { throw EMRFault.validation("Name is required.") }
        let release = input["ReleaseLabel"]?.stringValue ?? "emr-6.15.0"
        let keepAlive = input["Instances"]?["KeepJobFlowAliveWhenNoSteps"]?.boolValue ?? false
        let level = input["StepConcurrencyLevel"]?.intValue ?? 1
        guard (1...256).contains(level) else { throw EMRFault.validation("StepConcurrencyLevel must be between 1 and 256.") }
        let tags = (input["Tags"]?.arrayValue ?? []).compactMap { t -> ClusterTag? in
            guard let k = t["Key"]?.stringValue else { return nil }
            return ClusterTag(key: k, value: t["Value"]?.stringValue ?? "")
        }
        let steps = try parseSteps(input["Steps"]?.arrayValue ?? [])
        let id = model.addCluster(
            name: name, releaseLabel: release, stepConcurrencyLevel: level, tags: tags,
            keepAlive: keepAlive, ready: false, now: now, yarnURL: yarnURL)
        if let apps = input["Applications"]?.arrayValue?.compactMap({ $0["Name"]?.stringValue }), !apps.isEmpty {
            model.clusters[id]?.applications = apps
        }
        model.clusters[id]?.logUri = input["LogUri"]?.stringValue
        if let role = input["ServiceRole"]?.stringValue { model.clusters[id]?.serviceRole = role }
        for s in steps {
            _ = model.addStep(
                clusterId: id, name: s.name, actionOnFailure: s.aof, jar: s.jar, mainClass: s.main,
                args: s.args, properties: s.props, executionRoleArn: nil, at: now)
        }
        let arn = model.clusters[id]?.arn ?? ""
        return .object([("JobFlowId", .string(id)), ("ClusterArn", .string(arn))])
    }
}
