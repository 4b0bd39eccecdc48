import Foundation
import Hummingbird
import NIOCore

/// The RM cluster id string reported as `rmClusterId`.
let simulatedRMClusterId = "sim-rm"

extension SimEngine {
    func clusterInfo(rm: Int) -> Response {
        withState { core, _ in
            let m = core.model
            let ha = m.activeRM == rm ? "ACTIVE" : "STANDBY"
            let v = m.scenario.hadoopVersion
            return Responses.json(
                .ok,
                .object([
                    (
                        "clusterInfo",
                        .object([
                            ("id", .int(m.clusterTimestamp)), ("startedOn", .int(m.clusterTimestamp)),
                            ("state", .string("STARTED")), ("haState", .string(ha)),
                            ("rmStateStoreName", .string("org.apache.hadoop.yarn.server.resourcemanager.recovery.ZKRMStateStore")),
                            ("resourceManagerVersion", .string("\(v)-amzn-sim")),
                            ("resourceManagerBuildVersion", .string("\(v)-amzn-sim from sparkdeploy")),
                            ("resourceManagerVersionBuiltOn", .string("2024-01-01T00:00Z")),
                            ("hadoopVersion", .string("\(v)-amzn-sim")),
                            ("hadoopBuildVersion", .string("\(v)-amzn-sim from sparkdeploy")),
                            ("hadoopVersionBuiltOn", .string("2024-01-01T00:00Z")),
                            (
                                "haZooKeeperConnectionState",
                                .string(
                                    m.scenario.resourceManagers > 1
                                        ? "CONNECTED" : "ResourceManager HA is not enabled.")
                            ),
                            ("rmId", .string("rm\(rm + 1)")),
                        ])
                    )
                ]))
        }
    }

    func clusterMetrics() -> Response {
        withState { core, _ in
            var counts: [String: Int] = [:]
            for app in core.model.apps.values { counts[app.publicState, default: 0] += 1 }
            let running = counts["RUNNING"] ?? 0
            let pending = (counts["ACCEPTED"] ?? 0) + (counts["SUBMITTED"] ?? 0) + (counts["NEW_SAVING"] ?? 0)
            let completed = (counts["FINISHED"] ?? 0)
            func i(_ n: Int) -> JSONValue { .int(Int64(n)) }
            return Responses.json(
                .ok,
                .object([
                    (
                        "clusterMetrics",
                        .object([
                            ("appsSubmitted", i(core.model.apps.count)), ("appsCompleted", i(completed)),
                            ("appsPending", i(pending)), ("appsRunning", i(running)),
                            ("appsFailed", i(counts["FAILED"] ?? 0)), ("appsKilled", i(counts["KILLED"] ?? 0)),
                            ("reservedMB", i(0)), ("availableMB", i(98304 - running * 4096)), ("allocatedMB", i(running * 4096)),
                            ("reservedVirtualCores", i(0)), ("availableVirtualCores", i(64 - running * 3)),
                            ("allocatedVirtualCores", i(running * 3)), ("containersAllocated", i(running * 3)),
                            ("containersReserved", i(0)), ("containersPending", i(0)), ("totalMB", i(98304)),
                            ("totalVirtualCores", i(64)), ("totalNodes", i(2)), ("lostNodes", i(0)), ("unhealthyNodes", i(0)),
                            ("decommissioningNodes", i(0)), ("decommissionedNodes", i(0)), ("rebootedNodes", i(0)),
                            ("activeNodes", i(2)), ("shutdownNodes", i(0)),
                        ])
                    )
                ]))
        }
    }

    func listApps(_ call: YARNCall) -> Response {
        withState { core, now in
            let scenario = core.model.scenario
            let query: AppsQuery
            do {
                query = try AppsQuery(call.query, scenario: scenario)
            } catch let error as RemoteException {
                return error.response
            } catch {
                return RemoteException.badRequest("\(error)").response
            }
            let candidates = query.name.map { core.model.appIdsByName[$0] ?? [] } ?? core.model.appOrder
            var ids = candidates.filter { id in core.model.apps[id].map(query.matches) ?? false }
            switch scenario.appOrder {
            case "submission": break
            case "reverse": ids.reverse()
            default:
                var rng = SplitMix(seed: UInt64(core.yarnRequests))
                ids.shuffle(using: &rng)
            }
            if let limit = query.limit, ids.count > limit { ids = Array(ids.prefix(limit)) }
            if let f = query.finalStatus { ids = ids.filter { core.model.apps[$0]?.finalStatus == f } }
            if ids.isEmpty {
                let empty = scenario.emptyAppsIsObject ? "{\"apps\":{}}" : "{\"apps\":null}"
                return Responses.json(.ok, Array(empty.utf8))
            }
            var buffer = ByteBuffer()
            buffer.reserveCapacity(ids.count * 1700 + 32)
            buffer.writeString("{\"apps\":{\"app\":[")
            let ts = core.model.clusterTimestamp
            for (n, id) in ids.enumerated() {
                guard var app = core.model.apps[id] else { continue }
                if n > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
                if query.deselects.isEmpty, let cached = app.cachedJSON {
                    buffer.writeBytes(cached)
                } else {
                    let bytes = app.json(
                        now: now, rmClusterId: simulatedRMClusterId, clusterTimestamp: ts,
                        deselects: query.deselects)
                    if query.deselects.isEmpty && app.isTerminal {
                        app.cachedJSON = bytes
                        core.model.apps[id] = app
                    }
                    buffer.writeBytes(bytes)
                }
            }
            buffer.writeString("]}}")
            return Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: buffer))
        }
    }

    func appView(_ id: String) -> Response {
        withState { core, now in
            guard let app = core.model.apps[id] else { return RemoteException.appNotFound(id).response }
            var w = JSONWriter()
            w.raw("{\"app\":")
            w.raw(
                app.cachedJSON
                    ?? app.json(
                        now: now, rmClusterId: simulatedRMClusterId,
                        clusterTimestamp: core.model.clusterTimestamp))
            w.raw("}")
            return Responses.json(.ok, w.bytes)
        }
    }

    /// The app's attempts; their NodeManager address is `nodeAddress` (the listener that answered, which
    /// serves the container logs).
    func appAttempts(_ id: String, nodeAddress: String) -> Response {
        withState { core, _ in
            guard let app = core.model.apps[id] else { return RemoteException.appNotFound(id).response }
            return Responses.json(
                .ok, .object([("appAttempts", .object([("appAttempt", app.attemptsJSON(nodeAddress: nodeAddress))]))]))
        }
    }

    func appState(_ id: String) -> Response {
        withState { core, _ in
            guard let app = core.model.apps[id] else { return RemoteException.appNotFound(id).response }
            return Responses.json(.ok, .object([("state", .string(app.internalState))]))
        }
    }

    func appField(_ id: String, _ field: String) -> Response {
        withState { core, _ in
            guard let app = core.model.apps[id] else { return RemoteException.appNotFound(id).response }
            switch field {
            case "queue": return Responses.json(.ok, .object([("queue", .string(app.queue))]))
            case "priority": return Responses.json(.ok, .object([("priority", .int(Int64(app.priority)))]))
            default:
                return Responses.json(
                    .ok,
                    .object([
                        (
                            "timeouts",
                            .object([
                                (
                                    "timeout",
                                    .array([
                                        .object([
                                            ("type", .string("LIFETIME")), ("expiryTime", .string("UNLIMITED")),
                                            ("remainingTimeInSeconds", .int(-1)),
                                        ])
                                    ])
                                )
                            ])
                        )
                    ]))
            }
        }
    }

    /// Parses a JSON request body or answers the RM's unmarshal error.
    func jsonBody(_ call: YARNCall) -> Result<JSONValue, RemoteException> {
        if let type = call.contentType, !type.lowercased().contains("json") {
            return .failure(
                RemoteException(
                    status: .unsupportedMediaType, exception: "WebApplicationException",
                    message: "javax.ws.rs.WebApplicationException: HTTP 415 Unsupported Media Type",
                    javaClassName: "javax.ws.rs.WebApplicationException"))
        }
        guard let value = JSONValue.parse(call.body), value.objectValue != nil else {
            return .failure(
                .badRequest(
                    "Unrecognized or malformed JSON body",
                    cause: "javax.ws.rs.WebApplicationException"))
        }
        return .success(value)
    }

    func killApp(_ id: String, _ call: YARNCall) -> Response {
        let body: JSONValue
        switch jsonBody(call) {
        case let .success(v): body = v
        case let .failure(e): return e.response
        }
        return withState { core, now in
            guard let app = core.model.apps[id] else { return RemoteException.appNotFound(id).response }
            guard body["state"]?.stringValue == "KILLED" else {
                return RemoteException.badRequest("Only 'KILLED' is allowed as a target state.").response
            }
            let auth = core.model.scenario.auth
            guard let user = call.user else {
                return RemoteException(
                    status: .unauthorized, exception: "AuthorizationException",
                    message: "Unable to obtain user name, user not authenticated",
                    javaClassName: "org.apache.hadoop.security.authorize.AuthorizationException"
                )
                .response
            }
            if app.isTerminal { return Responses.json(.ok, .object([("state", .string(app.internalState))])) }
            if auth.aclEnabled && user != app.user && !auth.admins.contains(user) {
                return Responses.text(.forbidden, "Unauthorized attempt to kill appid \(id) by remote user \(user)")
            }
            let outcome = core.model.requestKill(
                id, user: user, message: body["diagnostics"]?.stringValue, at: now,
                remoteAddress: call.remoteAddress)
            switch outcome {
            case let .done(state):
                return Responses.json(.ok, .object([("state", .string(state))]))
            case let .inProgress(state):
                return Responses.json(
                    .accepted, .object([("state", .string(state))]),
                    headers: [.location: call.selfURL])
            case .notFound:
                return RemoteException.appNotFound(id).response
            }
        }
    }

    func moveApp(_ id: String, _ call: YARNCall) -> Response {
        let body: JSONValue
        switch jsonBody(call) {
        case let .success(v): body = v
        case let .failure(e): return e.response
        }
        return withState { core, _ in
            guard let app = core.model.apps[id] else { return RemoteException.appNotFound(id).response }
            guard let queue = body["queue"]?.stringValue, !queue.isEmpty else {
                return RemoteException.badRequest("queue must be specified").response
            }
            guard core.model.scenario.queues.contains(queue) else {
                return RemoteException.badRequest("Failed to move app \(id) to queue \(queue): queue not found").response
            }
            guard !app.isTerminal else {
                return RemoteException.badRequest("App in \(app.internalState) state cannot be moved.").response
            }
            core.model.moveApp(id, to: queue)
            return Responses.json(.ok, .object([("queue", .string(queue))]))
        }
    }

    func submitApp(_ call: YARNCall) -> Response {
        let body: JSONValue
        switch jsonBody(call) {
        case let .success(v): body = v
        case let .failure(e): return e.response
        }
        return withState { core, now in
            guard core.model.scenario.auth.restSubmission else {
                return RemoteException(
                    status: .forbidden, exception: "ForbiddenException",
                    message: "java.lang.Exception: App submission via REST is disabled.",
                    javaClassName: "org.apache.hadoop.yarn.webapp.ForbiddenException"
                ).response
            }
            guard let id = body["application-id"]?.stringValue, let seq = core.model.reservedAppIds[id] else {
                return RemoteException.badRequest(
                    "Invalid ApplicationId: \(body["application-id"]?.stringValue ?? "")",
                    cause: "org.apache.hadoop.yarn.exceptions.YarnException"
                ).response
            }
            let queue = body["queue"]?.stringValue ?? "default"
            guard core.model.scenario.queues.contains(queue) else {
                return RemoteException.badRequest(
                    "Application \(id) submitted by user \(call.user ?? "dr.who") to "
                        + "unknown queue: \(queue)", cause: "org.apache.hadoop.yarn.exceptions.YarnException"
                ).response
            }
            core.model.reservedAppIds[id] = nil
            let tags = body["application-tags"]?["tag"].flatMap { $0.stringArray ?? $0.stringValue.map { [$0] } } ?? []
            _ = core.model.submitApp(
                name: body["application-name"]?.stringValue ?? "N/A", user: call.user ?? "dr.who", queue: queue,
                type: body["application-type"]?.stringValue ?? "YARN", tags: tags, at: now, stepId: nil,
                clusterId: nil, reservedSeq: seq)
            return Response(status: .accepted, headers: [.location: call.selfURL + "/" + id])
        }
    }
}

/// A tiny deterministic generator for shuffling list order per request.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
