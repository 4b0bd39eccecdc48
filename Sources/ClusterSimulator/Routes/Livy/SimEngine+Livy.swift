import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Apache Livy's batch REST API (`/batches…`) on the Livy listener, coupled to the YARN model: a batch
/// becomes a YARN app named like the batch and tagged `livy-batch-<id>-…` plus its `spark.yarn.tags`,
/// and follows that app's lifecycle (`starting` → `running` → `success`/`dead`/`killed`).
///
/// Routed by hand like the other listeners (issue 19): fault injection, HTTP Basic (Livy's LDAP
/// authentication) and the CSRF filter come before any route, and every error has Livy's `{"msg": …}` shape.
extension SimEngine {
    /// Serves one request to the Livy listener.
    func handleLivy(_ request: Request, context: SimContext) async -> Response {
        var request = request
        let path = request.uri.path
        let method = request.method
        let (fault, slow, settings) = withState { core, _ in
            core.count("LIVY.\(method.rawValue) \(Self.livyRouteTemplate(path))")
            return (core.takeTransportFault(target: .livy, operation: nil), core.slowness(for: .livy), core.model.scenario.livy)
        }
        if slow > 0 { try? await Task.sleep(nanoseconds: UInt64(slow * 1e9)) }
        switch fault {
        case .connectionReset:
            context.channel.close(promise: nil)
            return Responses.text(.internalServerError, "")
        case .serviceUnavailable:
            return Responses.text(.serviceUnavailable, "Service Unavailable")
        default: break
        }
        var user: String?
        if !settings.users.isEmpty {
            guard let authorization = request.headers[.authorization], let (name, password) = Self.basicCredentials(authorization),
                settings.users[name] == password
            else {
                return Responses.text(.unauthorized, "Unauthorized", headers: [.wwwAuthenticate: "Basic realm=\"livy\""])
            }
            user = name
        }
        if settings.csrfProtection, !["GET", "OPTIONS", "HEAD"].contains(method.rawValue),
            HTTPField.Name("X-Requested-By").flatMap({ request.headers[$0] }) == nil
        {
            return Responses.text(.badRequest, "Missing Required Header for CSRF protection.")
        }
        let body = (try? await request.collectBody(upTo: 16 * 1024 * 1024)).map { Data($0.readableBytesView) } ?? Data()
        let query = Responses.queryPairs(request.uri.query)
        let parts = path.split(separator: "/").map(String.init)
        switch (method, parts.count) {
        case (.get, 1) where parts[0] == "version":
            return Responses.json(.ok, .object([("version", .string("0.8.0-incubating")), ("user", .optional(user))]))
        case (.get, 1) where parts[0] == "batches":
            return listLivyBatches(query: query)
        case (.post, 1) where parts[0] == "batches":
            return await createLivyBatch(body: body, user: user)
        default: break
        }
        guard parts.count >= 2, parts.count <= 3, parts[0] == "batches" else {
            return Self.livyMessage(.notFound, "Not found: \(path)")
        }
        guard let id = Int(parts[1]) else {
            // Scalatra's `params("id").toInt` throws NumberFormatException, an IllegalArgumentException: 400.
            return Self.livyMessage(.badRequest, "For input string: \"\(parts[1])\"")
        }
        switch (method, parts.count > 2 ? parts[2] : "") {
        case (.get, ""), (.head, ""):
            return livyBatchAnswer(id) { batch, core in self.livyView(batch, core: core) }
        case (.get, "state"):
            return livyBatchAnswer(id) { batch, _ in .object([("id", .int(Int64(batch.id))), ("state", .string(batch.state))]) }
        case (.get, "log"):
            return livyBatchAnswer(id) { batch, core in
                let lines = self.livyLogLines(batch, core: core)
                let size = query.last { $0.0 == "size" }.flatMap { Int($0.1) } ?? 100
                let count = size < 0 ? lines.count : size
                var from = query.last { $0.0 == "from" }.flatMap { Int($0.1) } ?? -1
                if from < 0 { from = max(0, lines.count - count) }
                let slice = from < lines.count ? Array(lines[from..<min(lines.count, from + count)]) : []
                return .object([
                    ("id", .int(Int64(batch.id))), ("from", .int(Int64(from))), ("total", .int(Int64(lines.count))),
                    ("log", .array(slice.map { .string($0) })),
                ])
            }
        case (.delete, ""):
            let deleted = withState { core, now in
                core.refreshLivyStates(now: now)
                return core.deleteLivyBatch(id, at: now)
            }
            return deleted ? Responses.json(.ok, .object([("msg", .string("deleted"))])) : Self.livyNotFound(id)
        default:
            return Self.livyMessage(.notFound, "Not found: \(method.rawValue) \(path)")
        }
    }

    /// `POST /batches`: validates the body, creates the batch (its app follows), answers 201 with the batch
    /// and a `Location`, unless a ``Fault/livyCreateThenFail(count:)`` or ``Fault/livyCreateThenHang(count:seconds:)``
    /// spoils the answer of the applied request.
    private func createLivyBatch(body: Data, user: String?) async -> Response {
        guard let json = JSONValue.parse(body) else {
            return Self.livyMessage(.badRequest, "Cannot deserialize the request body: it is not JSON")
        }
        let parsed = LivyBatchRequest.parse(json)
        guard case .success(let request) = parsed else {
            if case .failure(let error) = parsed { return Self.livyMessage(.badRequest, error.message) }
            return Self.livyMessage(.badRequest, "bad request")
        }
        let (created, outcome): (Result<JSONValue, LivyRequestError>, LivyCreateOutcome) = withState { core, now in
            core.refreshLivyStates(now: now)
            switch core.createLivyBatch(request, owner: user, at: now) {
            case .failure(let error): return (.failure(error), .answer)
            case .success(let id):
                let view = core.livy.batches[id].map { self.livyView($0, core: core) } ?? .null
                return (.success(view), core.takeLivyCreateFault())
            }
        }
        switch created {
        case .failure(let error):
            return Self.livyMessage(.badRequest, error.message)
        case .success(let view):
            switch outcome {
            case .fail:
                return Self.livyMessage(.internalServerError, "java.util.concurrent.TimeoutException: Futures timed out")
            case .hang(let seconds):
                try? await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1e9))
            case .answer: break
            }
            let location = "/batches/\(view["id"]?.intValue ?? 0)"
            return Responses.json(.created, view, headers: [.location: location])
        }
    }

    /// `GET /batches?from=&size=`: `{from, total, sessions}`, batches in id order.
    private func listLivyBatches(query: [(String, String)]) -> Response {
        let from = max(0, query.last { $0.0 == "from" }.flatMap { Int($0.1) } ?? 0)
        let size = max(0, query.last { $0.0 == "size" }.flatMap { Int($0.1) } ?? 100)
        return withState { core, now in
            core.refreshLivyStates(now: now)
            let all = core.livy.all
            let page = from < all.count ? Array(all[from..<min(all.count, from + size)]) : []
            return Responses.json(
                .ok,
                .object([
                    ("from", .int(Int64(from))), ("total", .int(Int64(all.count))),
                    ("sessions", .array(page.map { self.livyView($0, core: core) })),
                ]))
        }
    }

    /// Answers with `body` of batch `id`, or Livy's 404.
    private func livyBatchAnswer(_ id: Int, _ body: @escaping (SimLivyBatch, CoreState) -> JSONValue) -> Response {
        withState { core, now in
            core.refreshLivyStates(now: now)
            guard let batch = core.livy.batches[id] else { return Self.livyNotFound(id) }
            return Responses.json(.ok, body(batch, core))
        }
    }

    /// Livy's `BatchSessionView`: id, name, owner, proxyUser, state, appId, appInfo and the last 10 log lines.
    func livyView(_ batch: SimLivyBatch, core: CoreState) -> JSONValue {
        let app = batch.appId.flatMap { core.model.apps[$0] }
        let running = app.map { !["NEW", "NEW_SAVING", "SUBMITTED", "ACCEPTED"].contains($0.publicState) } ?? false
        let rm = yarnURLs.withLock { $0.first } ?? ""
        var driverLog: JSONValue = .null
        var sparkUI: JSONValue = .null
        if let app, running {
            let container = IDs.amContainer(appId: app.id, attempt: max(1, app.attempts.count))
            driverLog = .string("\(rm)/ws/v1/node/containerlogs/\(container)/stderr")
            sparkUI = .string("\(rm)/proxy/\(app.id)/")
        }
        let lines = livyLogLines(batch, core: core)
        return .object([
            ("id", .int(Int64(batch.id))), ("name", .optional(batch.request.name)), ("owner", .optional(batch.owner)),
            ("proxyUser", .optional(batch.request.proxyUser)), ("state", .string(batch.state)),
            ("appId", .optional(batch.appId)),
            ("appInfo", .object([("driverLogUrl", driverLog), ("sparkUiUrl", sparkUI)])),
            ("log", .array(lines.suffix(10).map { .string($0) })),
        ])
    }

    /// The batch's log as Livy keeps it: spark-submit's stdout and stderr, then YARN's diagnostics.
    func livyLogLines(_ batch: SimLivyBatch, core: CoreState) -> [String] {
        var lines = ["stdout: ", "\nstderr: ", "INFO Client: Requesting a new application from cluster with 3 NodeManagers"]
        if let appId = batch.appId {
            lines.append("INFO Client: Submitted application \(appId)")
            if let app = core.model.apps[appId] {
                lines.append("INFO Client: Application report for \(appId) (state: \(app.publicState))")
                lines.append("\nYARN Diagnostics: ")
                if !app.diagnostics.isEmpty { lines.append(app.diagnostics) }
            }
        }
        return lines
    }

    /// `/batches/3/log` → `/batches/{id}/log`.
    static func livyRouteTemplate(_ path: String) -> String {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.count > 2, parts[1] == "batches", !parts[2].isEmpty { parts[2] = "{id}" }
        return parts.joined(separator: "/")
    }

    /// Livy's error body `{"msg": …}` with `status`.
    static func livyMessage(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Responses.json(status, .object([("msg", .string(message))]))
    }

    /// Livy's 404 for an unknown batch.
    static func livyNotFound(_ id: Int) -> Response { livyMessage(.notFound, "Session '\(id)' not found.") }

    /// The user and password of an `Authorization: Basic …` header.
    static func basicCredentials(_ header: String) -> (String, String)? {
        guard header.lowercased().hasPrefix("basic "),
            let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }
}
