import DeployRuntime
import Foundation
import HTTPTransport
import Livy
import Logging
import LuaHost
import SparkDeployCore

/// The `livy` Lua module: Apache Livy servers (`livy.server`) and their batches — submit a Spark job to a
/// YARN cluster without EMR, follow it to its YARN application, read its log, stop it.
public struct LivyModuleProvider: ModuleProvider {
    /// Creates the provider.
    public init() {}

    /// The `livy` module and the `LivyServer` class.
    public func modules(context: RunContext?) -> [HostModule] {
        let session = LivySession(context: context)
        let connect = HostFunction(
            FunctionSpec(
                module: "livy", name: "server",
                params: [ParamSpec("target", .oneOf([.string, .record("LivyOptions")]), optional: true, doc: "a URL or LivyOptions")],
                returns: "LivyServer",
                doc: "A Livy server (no request is sent yet); default: --livy, $SPARKDEPLOY_LIVY_URL.")
        ) { call in
            [session.object(try session.connect(call.value(1), call: call))]
        }
        return [
            HostModule(
                name: "livy", doc: "Apache Livy batches: submit Spark jobs to YARN without EMR, follow them, stop them.",
                functions: [connect] + Self.methods(session),
                records: [
                    LivyConversions.batchRecord, LivyConversions.serverRecord, LivyConversions.submitRecord,
                    LivyConversions.logRecord, LivyConversions.awaitRecord,
                ],
                classes: [
                    ClassSpec(
                        "LivyServer", doc: "A Livy server connection.",
                        fields: [FieldSpec("url", .string, doc: "the base URL (without credentials)")])
                ])
        ]
    }

    static func methods(_ session: LivySession) -> [HostFunction] {
        func method(
            _ name: String, _ params: [ParamSpec], returns: String, doc: String, mutates: Bool = false,
            _ body: @escaping (LivySession, LivyClient, HostCall) throws -> HostResults
        ) -> HostFunction {
            HostFunction(
                FunctionSpec(
                    module: "LivyServer", name: name, style: .method(className: "LivyServer"), params: params, returns: returns,
                    doc: doc, mutates: mutates)
            ) { call in
                guard let client = session.client(for: call) else { return [] }
                return try body(session, client, call)
            }
        }
        let id = ParamSpec("id", .integer, doc: "a batch id")
        return [
            method(
                "submit", [ParamSpec("spec", .record("LivySubmitSpec"))], returns: "LivyBatch",
                doc:
                    "POST /batches: submits a Spark job; after a 5xx or time-out the batches are listed and one with the same name is returned instead of submitting twice.",
                mutates: true
            ) { s, livy, call in
                let request = try LivyConversions.request(try call.options(1), function: call.spec.qualifiedName)
                guard !request.file.isEmpty else {
                    throw HostError.argument(
                        call.spec.qualifiedName, index: 1, name: "spec.file", expected: "a non-empty string", got: "empty")
                }
                return [try s.submit(request, livy: livy)]
            },
            method("batch", [id], returns: "LivyBatch", doc: "GET /batches/{id}.") { s, livy, call in
                let batchId = try s.batchId(call, 1)
                return [LivyConversions.table(try s.run("livy.batch") { try await livy.batch(id: batchId) })]
            },
            method("batches", [], returns: "LivyBatch[]", doc: "Every batch the server knows (all pages).") { s, livy, _ in
                [.array(try s.run("livy.batches") { try await livy.allBatches() }.map(LivyConversions.table))]
            },
            method(
                "find", [ParamSpec("name", .string)], returns: "LivyBatch|nil", doc: "The newest batch with this exact name, nil if none."
            ) {
                s, livy, call in
                let name = try call.string(1)
                return [try s.run("livy.find") { try await livy.findBatch(named: name) }.map(LivyConversions.table) ?? .nil]
            },
            method("state", [id], returns: "string", doc: "GET /batches/{id}/state: starting, running, success, dead, killed…") {
                s, livy, call in
                let batchId = try s.batchId(call, 1)
                return [.string(try s.run("livy.state") { try await livy.state(id: batchId) }.rawValue)]
            },
            method(
                "log", [id, ParamSpec("opts", .record("LivyLogOptions"), optional: true)], returns: "table",
                doc: "GET /batches/{id}/log: {from, total, lines}; by default the last 100 lines."
            ) { s, livy, call in
                let batchId = try s.batchId(call, 1)
                let options = try call.options(2)
                let from = try options.integer("from").map { Int(clamping: $0) }
                let size = try options.integer("size").map { Int(clamping: $0) }
                let log = try s.run("livy.log") { try await livy.log(id: batchId, from: from, size: size) }
                return [.map(["from": .integer(Int64(log.from)), "total": .integer(Int64(log.total)), "lines": .array(log.lines)])]
            },
            method(
                "delete", [id], returns: "boolean|nil",
                doc:
                    "DELETE /batches/{id}: Livy kills the YARN app and forgets the batch. true when deleted, false when Livy did not know it (nil in --dry-run).",
                mutates: true
            ) { s, livy, call in
                let batchId = try s.batchId(call, 1)
                guard let context = s.context else { return [] }
                let entry = context.recordMutation("livy.delete", target: "batch \(batchId)", details: livy.connection.baseURL)
                if context.dryRun { return [.nil] }
                do {
                    let deleted = try s.run("livy.delete") { try await livy.deleteBatch(id: batchId) }
                    context.mutationEnded(entry, result: deleted ? "deleted" : "not found")
                    return [.boolean(deleted)]
                } catch {
                    context.mutationEnded(entry, error: "\(error)")
                    throw error
                }
            },
            method(
                "await_app", [id, ParamSpec("opts", .record("LivyAwaitOptions"), optional: true)], returns: "string",
                doc: "Waits until the batch has its YARN application and returns its id; fails when the batch ends first."
            ) { s, livy, call in
                let batchId = try s.batchId(call, 1)
                let timeout = try call.options(2).duration("timeout") ?? 300
                let status = WaitText.app("batch \(batchId)", wanted: "a YARN application", timeout: timeout)
                return [
                    .string(
                        try s.waiting("livy.await_app", status: status) { try await livy.awaitAppId(batchId: batchId, timeout: timeout) })
                ]
            },
        ]
    }
}

/// Per-run state of the `livy` module: clients by handle.
final class LivySession: ClientSession {
    weak var context: RunContext?

    init(context: RunContext?) { self.context = context }

    func object(_ client: LivyClient) -> LuaValue {
        guard let context else { return .nil }
        let handle = context.store(client)
        return .object(
            LuaObject(
                className: "LivyServer", handle: handle, fields: LuaTable(fields: ["url": .string(client.connection.baseURL)])))
    }

    func client(for call: HostCall) -> LivyClient? {
        guard let handle = call.selfObject?.handle else { return nil }
        return context?.object(handle, as: LivyClient.self)
    }

    /// Argument `index` as a batch id (a non-negative integer).
    func batchId(_ call: HostCall, _ index: Int) throws -> Int {
        let value = try call.integer(index)
        guard value >= 0, value <= Int64(Int32.max) else {
            throw HostError.argument(call.spec.qualifiedName, index: index, name: "id", expected: "a batch id (0 or more)", got: "\(value)")
        }
        return Int(value)
    }

    func connect(_ target: LuaValue, call: HostCall) throws -> LivyClient {
        guard let context else { throw HostError(kind: .failed, message: "livy.server: no run context") }
        var url: String?
        var credentials: LivyCredentials?
        var requestedBy = "sparkdeploy"
        var transport = TransportConfiguration()
        switch target {
        case .nil: break
        case .string(let s): url = s
        default:
            guard let table = target.tableValue else { break }
            let o = HostOptions.unchecked(table, call: call, index: 1)
            url = try o.string("url")
            if let user = try o.string("user") { credentials = LivyCredentials(user: user, password: try o.string("password") ?? "") }
            requestedBy = try o.string("requested_by") ?? requestedBy
            transport.caBundlePath = try o.string("ca_bundle")
            transport.insecureSkipVerify = try o.boolean("insecure") ?? false
            if let t = try o.duration("timeout") { transport.requestTimeout = t }
        }
        do {
            var connection = try LivyConnection.resolve(explicit: url ?? context.connection.livyURL, environment: context.environment)
            if let credentials { connection.credentials = credentials }
            connection.requestedBy = requestedBy
            connection.transport = transport
            return try LivyClient(connection: connection, clock: context.clock, logger: RunLogHandler.logger("livy", log: context.log))
        } catch {
            throw HostError(livy: error)
        }
    }

    /// `submit`: recorded as a mutation; in --dry-run only recorded.
    func submit(_ request: BatchRequest, livy: LivyClient) throws -> LuaValue {
        guard let context else { return .nil }
        var details = "file=\(request.file)"
        if let className = request.className { details += " class=\(className)" }
        let entry = context.recordMutation("livy.submit", target: request.name ?? request.file, details: details)
        if context.dryRun {
            return .map([
                "id": .integer(-1), "name": .optional(request.name), "state": .string("not_started"), "dry_run": .boolean(true),
            ])
        }
        let batch: LivyBatch
        do {
            batch = try run("livy.submit") { try await livy.createBatch(request) }
        } catch {
            context.mutationEnded(entry, error: "\(error)")
            throw error
        }
        context.mutationEnded(entry, result: "batch \(batch.id)")
        context.log.log(.info, "Livy batch submitted", fields: ["batch": "\(batch.id)", "name": request.name ?? "-"])
        return LivyConversions.table(batch)
    }

    /// A ``LivyError`` as its recipe-facing `livy.<code>` error.
    static func hostError(_ error: any Error) -> HostError? { (error as? LivyError).map(HostError.init(livy:)) }
}
