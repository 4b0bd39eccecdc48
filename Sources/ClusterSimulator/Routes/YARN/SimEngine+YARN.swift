import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Paths a standby RM serves itself instead of redirecting (RMWebAppFilter's exempt list).
private let standbyExempt: Set<String> = [
    "/ws/v1/cluster/info", "/cluster/cluster", "/conf", "/stacks", "/logLevel", "/logs", "/isActive", "/jmx", "/prom",
]

/// What one YARN request needs besides the state.
struct YARNCall: Sendable {
    var method: HTTPRequest.Method
    var path: String
    var query: [(String, String)]
    var rawQuery: String?
    var body: Data
    var contentType: String?
    var user: String?
    var authenticated: Bool
    var rm: Int
    var selfURL: String
    var remoteAddress: String?
}

extension SimEngine {
    /// Serves the RM REST API on RM `rm` (and WebHDFS under `/webhdfs/v1/`, ``handleWebHDFS(_:context:rm:)``).
    func handleYARN(_ request: Request, context: SimContext, rm: Int) async -> Response {
        var request = request
        let path = request.uri.path
        // The NameNode's WebHDFS shares the listener; it is not the RM's REST API (no YARN faults or redirect).
        if path == Self.webHDFSPrefix || path.hasPrefix(Self.webHDFSPrefix + "/") {
            return await handleWebHDFS(request, context: context, rm: rm)
        }
        let method = request.method
        let routeKey = "YARN.\(method.rawValue) \(Self.routeTemplate(path))"
        let (fault, slow) = withState { core, now in
            core.count(routeKey)
            core.yarnRequests += 1
            core.fireFailovers(now: now)
            return (core.takeTransportFault(target: .yarn, operation: nil), core.slowness(for: .yarn))
        }
        if slow > 0 { try? await Task.sleep(nanoseconds: UInt64(slow * 1e9)) }
        switch fault {
        case .connectionReset:
            context.channel.close(promise: nil)
            return Responses.text(.internalServerError, "")
        case .serviceUnavailable:
            return RemoteException(
                status: .serviceUnavailable, exception: "WebApplicationException",
                message: "javax.ws.rs.WebApplicationException: Service Unavailable",
                javaClassName: "javax.ws.rs.WebApplicationException"
            ).response
        default: break
        }
        let urls = yarnURLs.withLock { $0 }
        let selfBase = rm < urls.count ? urls[rm] : ""
        let rawQuery = request.uri.query
        let pathAndQuery = path + (rawQuery.map { "?\($0)" } ?? "")

        // HA: a standby redirects everything but the exempt paths.
        let active = withState { core, _ in core.model.activeRM }
        // The web proxy and the NodeManager's web services are not the RM's REST API: never redirected.
        if active != rm && !standbyExempt.contains(path) && !path.hasPrefix("/proxy/") && !path.hasPrefix("/ws/v1/node/") {
            guard let active, active < urls.count else {
                var h: HTTPFields = [:]
                if let refresh = HTTPField.Name("Refresh") { h[refresh] = "5;url=\(selfBase)\(path)?next.fresh.interval=2" }
                return Responses.text(
                    .temporaryRedirect,
                    "Can not find any active RM. Will retry in next 5 seconds. There is no active RM right now.",
                    headers: h)
            }
            let location = urls[active] + pathAndQuery
            return Responses.text(
                .temporaryRedirect, "This is standby RM. The redirect url is: \(location)",
                headers: [.location: location])
        }

        // Authentication.
        let scenario = withState { core, _ in core.model.scenario }
        let pairs = Responses.queryPairs(rawQuery)
        var user = pairs.first { $0.0 == "user.name" }?.1
        var setCookie: String?
        if user == nil, let cookie = request.headers[.cookie], scenario.auth.mode == "simple" {
            user = Self.cookieUser(cookie)
        } else if let u = user, scenario.auth.mode == "simple" {
            setCookie =
                "hadoop.auth=\"u=\(u)&p=\(u)&t=simple&e=\(Int64((clock.now() + 36000) * 1000))&s=c2ltdWxhdGVk\"; "
                + "Path=/; HttpOnly"
        }
        if scenario.auth.mode == "simple" && user == nil && !scenario.auth.allowAnonymous {
            return Responses.text(
                .unauthorized, "Authentication required",
                headers: [.wwwAuthenticate: "PseudoAuth"])
        }
        if scenario.auth.csrfEnabled, !["GET", "HEAD", "OPTIONS", "TRACE"].contains(method.rawValue),
            let agent = request.headers[.userAgent], Self.isBrowser(agent),
            HTTPField.Name("X-XSRF-Header").flatMap({ request.headers[$0] }) == nil
        {
            return Responses.text(.badRequest, "Missing Required Header for CSRF Vulnerability Protection")
        }

        let body = (try? await request.collectBody(upTo: 16 * 1024 * 1024)).map { Data($0.readableBytesView) } ?? Data()
        let call = YARNCall(
            method: method, path: path, query: pairs, rawQuery: rawQuery, body: body,
            contentType: request.headers[.contentType], user: user ?? (scenario.auth.mode == "simple" ? nil : "dr.who"),
            authenticated: user != nil, rm: rm, selfURL: selfBase + path,
            remoteAddress: context.channel.remoteAddress?.ipAddress)
        var response = route(call)
        if let setCookie { response.headers[.setCookie] = setCookie }
        return response
    }

    /// `/ws/v1/cluster/apps/application_1_0001/state` → `/ws/v1/cluster/apps/{appid}/state`;
    /// `/proxy/application_1_0001/api/v1/applications/application_1_0001/jobs` →
    /// `/proxy/{appid}/api/v1/applications/{appid}/jobs`;
    /// `/ws/v1/node/containerlogs/container_1_0001_01_000001/stderr` → `/ws/v1/node/containerlogs/{containerid}/stderr`.
    static func routeTemplate(_ path: String) -> String {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.count > 5, parts[1] == "ws", parts[4] == "apps", parts[5] != "new-application" { parts[5] = "{appid}" }
        if parts.count > 2, parts[1] == "proxy" { parts[2] = "{appid}" }
        if parts.count > 6, parts[1] == "proxy", parts[5] == "applications" { parts[6] = "{appid}" }
        if parts.count > 5, parts[1] == "ws", parts[3] == "node", parts[4] == "containerlogs" { parts[5] = "{containerid}" }
        return parts.joined(separator: "/")
    }

    static func cookieUser(_ cookie: String) -> String? {
        guard let range = cookie.range(of: "hadoop.auth=") else { return nil }
        let value = cookie[range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        guard let u = value.split(separator: "&").first, u.hasPrefix("u=") else { return nil }
        return String(u.dropFirst(2))
    }

    static func isBrowser(_ agent: String) -> Bool {
        agent.hasPrefix("Mozilla") || agent.contains("Opera")
    }

    func route(_ call: YARNCall) -> Response {
        let parts = call.path.split(separator: "/").map(String.init)
        let get = call.method == .get || call.method == .head
        switch (call.method, call.path) {
        case (_, "/isActive"):
            let isActive = withState { core, _ in core.model.activeRM == call.rm }
            return isActive ? Responses.text(.ok, "I am Active!") : Responses.text(.methodNotAllowed, "I am not Active!")
        case (_, "/cluster"), (_, "/cluster/cluster"):
            return Responses.text(
                .ok, "<html><head><title>About the Cluster</title></head><body>ResourceManager</body></html>",
                headers: [.contentType: "text/html; charset=utf-8"])
        case (_, "/ws/v1/cluster"), (_, "/ws/v1/cluster/info"):
            return clusterInfo(rm: call.rm)
        case (_, "/ws/v1/cluster/metrics"):
            return clusterMetrics()
        case (.get, "/ws/v1/cluster/apps"):
            return listApps(call)
        case (.post, "/ws/v1/cluster/apps"):
            return submitApp(call)
        case (.post, "/ws/v1/cluster/apps/new-application"):
            return withState { core, _ in
                let id = core.model.reserveAppId()
                return Responses.json(
                    .ok,
                    .object([
                        ("application-id", .string(id)),
                        ("maximum-resource-capability", .object([("memory", .int(8192)), ("vCores", .int(32))])),
                    ]))
            }
        default: break
        }
        if parts.first == "proxy" { return sparkProxy(call) }
        if parts.count >= 3, parts[0] == "ws", parts[1] == "v1", parts[2] == "node" { return nodeManager(call) }
        guard parts.count >= 5, parts[0] == "ws", parts[1] == "v1", parts[2] == "cluster", parts[3] == "apps" else {
            return RemoteException.notFound("Path \(call.path) not found").response
        }
        let appId = parts[4]
        guard Self.isValidAppId(appId) else {
            return RemoteException.badRequest(
                "Invalid ApplicationId: \(appId)",
                cause: "java.lang.IllegalArgumentException"
            ).response
        }
        let sub = parts.count > 5 ? parts[5] : ""
        switch (sub, get) {
        case ("", true): return appView(appId)
        case ("appattempts", true): return appAttempts(appId, nodeAddress: Self.authority(of: call.selfURL))
        case ("state", true): return appState(appId)
        case ("state", false) where call.method == .put: return killApp(appId, call)
        case ("queue", true), ("priority", true), ("timeouts", true):
            return appField(appId, sub)
        case ("queue", false) where call.method == .put: return moveApp(appId, call)
        default:
            return RemoteException.notFound("Path \(call.path) not found").response
        }
    }

    /// `host:port` of an `http://host:port/…` URL (the listener that answered), or the URL when it has no scheme.
    static func authority(of url: String) -> String {
        let afterScheme = url.range(of: "://").map { String(url[$0.upperBound...]) } ?? url
        return String(afterScheme.prefix { $0 != "/" })
    }

    static func isValidAppId(_ id: String) -> Bool {
        let parts = id.split(separator: "_", omittingEmptySubsequences: false)
        return parts.count == 3 && parts[0] == "application" && !parts[1].isEmpty && !parts[2].isEmpty
            && parts[1].allSatisfy(\.isNumber) && parts[2].allSatisfy(\.isNumber)
    }
}
