import DeployRuntime
import Foundation
import HTTPTransport
import Logging
import LuaHost
import SparkDeployCore
import YARN

/// The `yarn` Lua module: ResourceManager connections (`rm`) and their operations, with
/// module-level shortcuts on the default connection.
public struct YARNModuleProvider: ModuleProvider {
    /// Creates the provider.
    public init() {}

    /// The `yarn` module and the `RM` class.
    public func modules(context: RunContext?) -> [HostModule] {
        let session = YARNSession(context: context)
        var functions: [HostFunction] = [
            HostFunction(
                FunctionSpec(
                    module: "yarn", name: "connect",
                    params: [
                        ParamSpec(
                            "target", .oneOf([.string, .table]), optional: true,
                            doc: "URL(s), an EMR cluster from emr.cluster(), or ConnectOptions")
                    ],
                    returns: "RM",
                    doc: "Connects to a ResourceManager (HA: several URLs); default: --yarn, $SPARKDEPLOY_YARN_URL, yarn-site.xml.")
            ) { call in
                let client = try session.connect(call.value(1), call: call)
                return [session.object(client)]
            }
        ]
        // Every RM method also exists as yarn.<name>(…) on the default connection.
        for method in Self.methods(session) + Self.rmSparkMethods(session, method: Self.methodFactory(session)) {
            functions.append(method)
            var shortcut = method.spec
            shortcut.module = "yarn"
            shortcut.style = .function
            shortcut.doc += " (default connection)"
            let body = method.body
            functions.append(
                HostFunction(shortcut) { call in
                    guard let body else { return [] }
                    return try session.onDefault(call, body)
                })
        }
        return [
            HostModule(
                name: "yarn", doc: "YARN ResourceManager REST: find, kill, wait for and submit applications.",
                functions: functions + Self.sparkMethods(session) + [
                    Self.sparkSubmitFunction(session), Self.sparkSubmitProgramFunction(session),
                ],
                records: Self.sparkRecords + Self.sparkSubmitRecords + [
                    YARNConversions.filterRecord, Self.connectRecord, Self.killRecord, Self.waitRecord, Self.submitRecord,
                    Self.appRecord,
                ],
                classes: [
                    ClassSpec(
                        "RM", doc: "A ResourceManager connection (HA-aware).",
                        fields: [FieldSpec("urls", .array(.string), doc: "the RM base URLs")]),
                    Self.sparkClass,
                ])
        ]
    }

    static let appRecord = RecordSpec(
        "YarnApp", doc: "An application as recipes see it.", closed: false,
        fields: [
            FieldSpec("id", .string), FieldSpec("name", .string), FieldSpec("state", .string), FieldSpec("final_status", .string),
            FieldSpec("user", .string), FieldSpec("queue", .string), FieldSpec("tags", .array(.string)),
            FieldSpec("started_at", .number, doc: "epoch seconds"), FieldSpec("finished_at", .number, doc: "epoch seconds"),
            FieldSpec("diagnostics", .string), FieldSpec("tracking_url", .string), FieldSpec("application_type", .string),
            FieldSpec("launched_at", .number, doc: "epoch seconds the AM was launched"),
            FieldSpec("elapsed", .number, doc: "seconds since it started (to its end when finished)"),
            FieldSpec("progress", .number, doc: "the RM's progress, 0–100"),
            FieldSpec("allocated_mb", .integer, doc: "memory allocated now, MiB"),
            FieldSpec("allocated_vcores", .integer, doc: "vcores allocated now"),
            FieldSpec("running_containers", .integer, doc: "containers running now"),
            FieldSpec("priority", .integer, doc: "YARN priority"),
            FieldSpec("am_host", .string, doc: "the AM's NodeManager host:port"),
        ])
    static let connectRecord = RecordSpec(
        "ConnectOptions",
        fields: [
            FieldSpec("urls", .oneOf([.string, .array(.string)]), doc: "RM base URLs (comma-separated or a list)"),
            FieldSpec("user", .string, doc: "simple auth: user.name"),
            FieldSpec("basic_user", .string, doc: "HTTP Basic user (Knox)"),
            FieldSpec("basic_password", .string, doc: "HTTP Basic password (redacted everywhere)"),
            FieldSpec("delegation_token", .string, doc: "X-Hadoop-Delegation-Token"),
            FieldSpec("ca_bundle", .string, doc: "PEM file of CAs to trust"),
            FieldSpec("insecure", .boolean, doc: "skip TLS verification (logged as a warning)"),
            FieldSpec("timeout", .number, doc: "per-request timeout in seconds"),
        ])
    static let killRecord = RecordSpec(
        "KillOptions",
        fields: [
            FieldSpec("diagnostics", .string, doc: "message recorded with the kill (Hadoop ≥ 3.0)"),
            FieldSpec("wait", .boolean, doc: "wait for a terminal state (default true)"),
            FieldSpec("timeout", .number, doc: "seconds to wait (default 120)"),
        ])
    static let waitRecord = RecordSpec(
        "WaitOptions",
        fields: [
            FieldSpec("state", .string, doc: "target state (default RUNNING)"),
            FieldSpec("states", .array(.string), doc: "any of these target states"),
            FieldSpec("timeout", .number, doc: "seconds (default 600)"),
            FieldSpec("submitted_after", .number, doc: "ignore apps started before this epoch second"),
        ])
    static let submitRecord = RecordSpec(
        "SubmitSpec",
        fields: [
            FieldSpec("name", .string, optional: false), FieldSpec("command", .string, optional: false),
            FieldSpec("queue", .string), FieldSpec("type", .string, doc: "application type (default SPARK)"),
            FieldSpec("tags", .array(.string)), FieldSpec("memory_mb", .integer), FieldSpec("vcores", .integer),
            FieldSpec("priority", .integer), FieldSpec("max_attempts", .integer), FieldSpec("env", .table),
        ])

    /// The factory of `RM` methods: resolves the receiver's client, then runs the body.
    static func methodFactory(_ session: YARNSession) -> RMMethodFactory {
        { name, params, returns, doc, mutates, body in
            HostFunction(
                FunctionSpec(
                    module: "RM", name: name, style: .method(className: "RM"), params: params, returns: returns,
                    doc: doc, mutates: mutates)
            ) { call in
                guard let client = session.client(for: call) else { return [] }
                return try body(session, client, call)
            }
        }
    }

    static func methods(_ session: YARNSession) -> [HostFunction] {
        let factory = methodFactory(session)
        func method(
            _ name: String, _ params: [ParamSpec], returns: String, doc: String, mutates: Bool = false,
            _ body: @escaping (YARNSession, RMClient, HostCall) throws -> HostResults
        ) -> HostFunction {
            factory(name, params, returns, doc, mutates, body)
        }
        let filter = ParamSpec("filter", .record("AppFilter"), optional: true)
        let app = ParamSpec("app", .oneOf([.table, .string]), doc: "an app table or an application id")
        return [
            method("info", [], returns: "table", doc: "Cluster info of the active RM (id, state, ha_state, version).") { s, rm, _ in
                let info = try s.run("yarn.info") { try await rm.clusterInfo() }
                return [
                    .map([
                        "id": .optional(info.id), "state": .optional(info.state), "ha_state": .optional(info.haState),
                        "version": .optional(info.resourceManagerVersion),
                        "started_at": .optional(info.startedOn.map { Double($0) / 1000 }),
                    ])
                ]
            },
            method("metrics", [], returns: "table", doc: "Cluster metrics (apps_running, apps_pending, …).") { s, rm, _ in
                let m = try s.run("yarn.metrics") { try await rm.clusterMetrics() }
                var fields: [String: LuaValue] = [:]
                for (key, value) in m.values { fields[YARNSession.snake(key)] = .integer(value) }
                return [.map(fields)]
            },
            method("apps", [filter], returns: "YarnApp[]", doc: "Applications matching the filter (server-side, re-checked client-side).") {
                s, rm, call in
                let f = try YARNConversions.filter(try call.options(1))
                let apps = try s.run("yarn.apps") { try await rm.apps(f) }
                return [.array(apps.map(YARNConversions.table))]
            },
            method("app", [ParamSpec("id", .string)], returns: "YarnApp", doc: "One application by id.") { s, rm, call in
                let id = try call.string(1)
                return [YARNConversions.table(try s.run("yarn.app") { try await rm.app(id: id) })]
            },
            method(
                "find_app", [filter], returns: "YarnApp|nil",
                doc: "The one app matching the filter, nil if none; several → error naming them all (or a list with all=true)."
            ) { s, rm, call in
                let options = try call.options(1)
                let f = try YARNConversions.filter(options)
                if try options.boolean("all") == true {
                    return [.array(try s.run("yarn.find_app") { try await rm.apps(f) }.map(YARNConversions.table))]
                }
                return [try s.run("yarn.find_app") { try await rm.findApp(f) }.map(YARNConversions.table) ?? .nil]
            },
            method(
                "kill", [app, ParamSpec("opts", .record("KillOptions"), optional: true)], returns: "table",
                doc:
                    "Kills an app and waits for a terminal state (202 → poll → 200); an already-stopped app is a no-op. Returns {id, state, already_stopped, polls, finished_at}: finished_at is the RM's clock when the app stopped.",
                mutates: true
            ) { s, rm, call in
                let id = try YARNConversions.appID(call.value(1), function: call.spec.qualifiedName, index: 1, name: "app")
                let options = try call.options(2)
                let diagnostics = try options.string("diagnostics")
                let timeout = try options.duration("timeout") ?? 120
                guard let context = s.context else { return [] }
                if context.dryRun {
                    let current = try s.run("yarn.kill") { try await rm.app(id: id) }
                    context.recordMutation("yarn.kill", target: id, details: "state=\(current.state.rawValue)")
                    return [.map(["id": .string(id), "state": .string(current.state.rawValue), "dry_run": .boolean(true)])]
                }
                let entry = context.recordMutation("yarn.kill", target: id, details: diagnostics.map { "diagnostics=\($0)" } ?? "")
                let result: KillResult
                do {
                    result = try s.run("yarn.kill") { try await rm.kill(appId: id, diagnostics: diagnostics, timeout: timeout) }
                } catch {
                    context.mutationEnded(entry, error: "\(error)")
                    throw error
                }
                context.mutationEnded(entry, result: result.state.rawValue)
                return [
                    .map([
                        "id": .string(result.applicationId), "state": .string(result.state.rawValue),
                        "already_stopped": .boolean(result.alreadyStopped), "polls": .integer(Int64(result.polls)),
                        "finished_at": .optional(result.app?.finishedTime),
                    ])
                ]
            },
            method(
                "wait_app",
                [
                    ParamSpec("target", .oneOf([.string, .table]), doc: "an application id or an AppFilter"),
                    ParamSpec("opts", .record("WaitOptions"), optional: true),
                ],
                returns: "YarnApp",
                doc: "Waits until the app (by id, or the one matching a filter) is in the state; fails early on another terminal state."
            ) { s, rm, call in
                let options = try call.options(2)
                var states = try options.strings("states") ?? []
                if let one = try options.string("state") { states.append(one) }
                if states.isEmpty { states = ["RUNNING"] }
                let targets = Set(states.map { YARNAppState(rawValue: $0) })
                let timeout = try options.duration("timeout") ?? 600
                // Checked like the filter's epoch fields: the YARN client converts it to Int64 milliseconds.
                let after = try options.duration("submitted_after").map { min($0, YARNConversions.latestEpochSecond) }
                let wanted = states.sorted().joined(separator: "|")
                if let id = call.value(1).stringValue {
                    let status = WaitText.app(id, wanted: wanted, timeout: timeout)
                    return [
                        YARNConversions.table(
                            try s.waiting("yarn.wait_app", status: status) {
                                try await rm.waitForApp(id: id, states: targets, timeout: timeout)
                            })
                    ]
                }
                let raw = try call.table(1)
                let f = try YARNConversions.filter(HostOptions.unchecked(raw, call: call, index: 1))
                let status = WaitText.app(f.name.map { "app '\($0)'" } ?? "the app", wanted: wanted, timeout: timeout)
                return [
                    YARNConversions.table(
                        try s.waiting("yarn.wait_app", status: status) {
                            try await rm.waitForApp(matching: f, states: targets, timeout: timeout, submittedAfter: after)
                        })
                ]
            },
            method(
                "hold",
                [
                    app, ParamSpec("state", .string), ParamSpec("seconds", .number),
                    ParamSpec("opts", .record("HoldOptions"), optional: true),
                ],
                returns: "YarnApp",
                doc:
                    "Requires the app to stay in the state for the given seconds; fails the moment it leaves, with its diagnostics. With {progress=true} (RUNNING only) Spark jobs must also keep completing: a failed job or a stall fails it (yarn.noProgress)."
            ) { s, rm, call in
                let id = try YARNConversions.appID(call.value(1), function: call.spec.qualifiedName, index: 1, name: "app")
                let state = YARNAppState(rawValue: try call.string(2))
                let seconds = try call.duration(3)
                let options = try call.options(4)
                if try options.boolean("progress") == true {
                    guard state == .running else {
                        throw HostError.argument(
                            call.spec.qualifiedName, index: 4, name: "opts.progress",
                            expected: "state RUNNING (only a running app makes progress)",
                            got: state.rawValue)
                    }
                    let stall = try options.duration("stall_timeout") ?? max(seconds, 30)
                    _ = try s.waiting("yarn.hold", status: WaitText.hold(id, state: state.rawValue, seconds: seconds)) {
                        try await rm.holdWithProgress(appId: id, seconds: seconds, stallTimeout: stall)
                    }
                    return [YARNConversions.table(try s.run("yarn.hold") { try await rm.app(id: id) })]
                }
                return [
                    YARNConversions.table(
                        try s.waiting("yarn.hold", status: WaitText.hold(id, state: state.rawValue, seconds: seconds)) {
                            try await rm.hold(id, state: state, seconds: seconds)
                        })
                ]
            },
            method("attempts", [ParamSpec("id", .string)], returns: "table[]", doc: "The application's attempts.") { s, rm, call in
                let id = try call.string(1)
                let attempts = try s.run("yarn.attempts") { try await rm.attempts(appId: id) }
                return [.array(attempts.map(YARNConversions.table))]
            },
            method("move", [app, ParamSpec("queue", .string)], returns: "nil", doc: "Moves the app to another queue.", mutates: true) {
                s, rm, call in
                let id = try YARNConversions.appID(call.value(1), function: call.spec.qualifiedName, index: 1, name: "app")
                let queue = try call.string(2)
                s.context?.recordMutation("yarn.move", target: id, details: "queue=\(queue)")
                if s.context?.dryRun == true { return [] }
                try s.run("yarn.move") { try await rm.moveQueue(appId: id, to: queue) }
                return []
            },
            method(
                "submit", [ParamSpec("spec", .record("SubmitSpec"))], returns: "string",
                doc: "Submits an application over REST (new-application + submit; checked before any retry); returns its id.",
                mutates: true
            ) { s, rm, call in
                let o = try call.options(1)
                let name = try o.string("name") ?? ""
                let command = try o.string("command") ?? ""
                var env: [String: String] = [:]
                for key in (try o.table("env"))?.stringKeys ?? [] { env[key] = (try o.table("env"))?[key].stringValue }
                let submission = SubmissionContext(
                    name: name, command: command, queue: try o.string("queue"),
                    priority: try o.integer("priority").map { Int(clamping: $0) },
                    applicationType: try o.string("type") ?? "SPARK", tags: try o.strings("tags") ?? [], environment: env,
                    memoryMB: Int(clamping: try o.integer("memory_mb") ?? 1024), vCores: Int(clamping: try o.integer("vcores") ?? 1),
                    maxAppAttempts: try o.integer("max_attempts").map { Int(clamping: $0) })
                s.context?.recordMutation("yarn.submit", target: name, details: "queue=\(submission.queue ?? "default")")
                if s.context?.dryRun == true { return [.string("application_dry_run")] }
                return [.string(try s.run("yarn.submit") { try await rm.submit(submission) })]
            },
        ]
    }
}

/// Per-run state of the `yarn` module: connections by handle and the default connection.
final class YARNSession: ClientSession {
    weak var context: RunContext?
    private var defaultClient: (client: RMClient, handle: Int)?

    init(context: RunContext?) { self.context = context }

    func object(_ client: RMClient) -> LuaValue {
        guard let context else { return .nil }
        let handle = context.store(client)
        let urls = client.connection.endpoints.map(\.baseURL)
        return .object(LuaObject(className: "RM", handle: handle, fields: LuaTable(fields: ["urls": .array(urls)])))
    }

    func client(for call: HostCall) -> RMClient? {
        guard let handle = call.selfObject?.handle else { return nil }
        return context?.object(handle, as: RMClient.self)
    }

    /// Runs a method body on the default connection (the module-level shortcuts).
    func onDefault(_ call: HostCall, _ body: HostBody) throws -> HostResults {
        guard let context else { return [] }
        if defaultClient == nil {
            let client = try connect(.nil, call: call)
            defaultClient = (client, context.store(client))  // stored once, not once per call
        }
        guard let (_, handle) = defaultClient else { return [] }
        return try body(call.rebound(selfObject: LuaObject(className: "RM", handle: handle)))
    }

    func connect(_ target: LuaValue, call: HostCall) throws -> RMClient {
        guard let context else { throw HostError(kind: .failed, message: "yarn.connect: no run context") }
        var addresses: [String] = []
        var auth = RMAuth.anonymous
        var transport = TransportConfiguration()
        let environment = context.environment
        switch target {
        case .nil: break
        case .string(let s): addresses = s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        default:
            guard let table = target.tableValue else { break }
            if !table.sequence.isEmpty {
                addresses = table.sequence.compactMap(\.stringValue)
            } else if table["yarn_urls"] != .nil || table["master_dns"] != .nil {
                // An EMR cluster table from emr.cluster(). An explicit --yarn / $SPARKDEPLOY_YARN_URL
                // wins (a gateway in front of the RM); else the cluster's sparkdeploy:yarn-url tag,
                // else its master node on port 8088.
                if context.connection.yarnURLs != nil || environment[RMConnection.environmentVariable] != nil { break }
                addresses = table["yarn_urls"].tableValue?.sequence.compactMap(\.stringValue) ?? []
                if addresses.isEmpty, let dns = table["master_dns"].stringValue, !dns.isEmpty {
                    addresses = ["http://\(dns):8088"]
                }
            } else {
                let o = HostOptions.unchecked(table, call: call, index: 1)
                if let urls = try o.strings("urls") {
                    addresses = urls.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
                }
                if let user = try o.string("user") { auth = .simple(user: user) }
                if let user = try o.string("basic_user") { auth = .basic(user: user, password: try o.string("basic_password") ?? "") }
                if let token = try o.string("delegation_token") { auth = .delegationToken(token) }
                transport.caBundlePath = try o.string("ca_bundle")
                transport.insecureSkipVerify = try o.boolean("insecure") ?? false
                if let t = try o.duration("timeout") { transport.requestTimeout = t }
            }
        }
        do {
            let chosen = context.connection
            var connection = try RMConnection.resolve(
                explicit: addresses.isEmpty ? chosen.yarnAddresses : addresses, environment: environment)
            if auth != .anonymous { connection.auth = auth }
            if transport != TransportConfiguration() { connection.transport = transport }
            if case .anonymous = connection.auth, let user = chosen.yarnUser ?? environment["SPARKDEPLOY_YARN_USER"] {
                connection.auth = .simple(user: user)
            }
            return try RMClient(connection: connection, clock: context.clock, logger: RunLogHandler.logger("yarn", log: context.log))
        } catch {
            throw HostError(yarn: error)
        }
    }

    /// A ``YARNError`` as its recipe-facing `yarn.<code>` error.
    static func hostError(_ error: any Error) -> HostError? { (error as? YARNError).map(HostError.init(yarn:)) }

    /// `appsRunning` → `apps_running`; an acronym stays one word: `allocatedMB` → `allocated_mb`, `totalVirtualCores` →
    /// `total_virtual_cores`.
    static func snake(_ camel: String) -> String {
        var out = ""
        var previous: Character?
        for ch in camel {
            if ch.isUppercase {
                if let previous, previous.isLowercase || previous.isNumber { out += "_" }
                out += ch.lowercased()
            } else {
                out.append(ch)
            }
            previous = ch
        }
        return out
    }
}
