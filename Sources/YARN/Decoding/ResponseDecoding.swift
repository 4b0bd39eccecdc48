import HTTPTransport
import SparkDeployCore

/// Where a body came from, so decoding failures name the operation and endpoint.
struct DecodingContext: Sendable {
    var operation: String
    var method: String
    var endpoint: String

    /// The endpoint with secrets removed, for logs.
    var redactedEndpoint: String { Redactor.shared.redact(YARNError.strippingQuerySecrets(endpoint)) }

    func error(_ what: String, status: Int? = nil, applicationId: String? = nil) -> YARNError {
        YARNError(
            .decoding, operation: operation, method: method, endpoint: endpoint, status: status,
            message: what, applicationId: applicationId)
    }

    /// Parses the body as JSON, turning parse failures into readable ``YARNError``s.
    func parse(_ response: HTTPResponse) throws(YARNError) -> RMJSONValue {
        if response.body.isEmpty {
            throw error("empty body where JSON was expected", status: response.status)
        }
        do {
            return try JSONReader.parse(response.body)
        } catch {
            var what = error.description
            if let type = response.header("Content-Type"), !type.lowercased().contains("json") {
                what += " (Content-Type \(type))"
            }
            what += "; body starts: \(response.excerpt(limit: 120))"
            throw self.error(what, status: response.status)
        }
    }

    /// The object under `key` of a top-level object.
    func member(_ key: String, of root: RMJSONValue, status: Int) throws(YARNError) -> RMJSONValue {
        guard let object = root.object else {
            throw error("expected a JSON object at the top level, found a \(root.typeName)", status: status)
        }
        guard let value = object[key] else {
            let keys = object.keys.sorted().prefix(5).joined(separator: ", ")
            throw error("missing '\(key)' (found: \(keys.isEmpty ? "nothing" : keys))", status: status)
        }
        return value
    }
}

enum ResponseDecoding {
    /// `{"apps":{"app":[…]}}`, `{"apps":{}}` (3.x empty), `{"apps":null}` (2.x empty), decoded
    /// without building a JSON tree (see ``AppsDecoder``).
    static func apps(_ response: HTTPResponse, _ context: DecodingContext) throws(YARNError) -> [YARNApp] {
        try apps(response, context, keeping: { _ in true }).apps
    }

    /// The same, keeping only the apps `keep` accepts (see ``AppsDecoder/decode(_:keeping:)``).
    static func apps(
        _ response: HTTPResponse, _ context: DecodingContext, keeping keep: (YARNApp) -> Bool
    ) throws(YARNError) -> AppsDecoder.Decoded {
        if response.body.isEmpty {
            throw context.error("empty body where JSON was expected", status: response.status)
        }
        do {
            return try AppsDecoder.decode(response.body, keeping: keep)
        } catch {
            switch error {
            case .shape(let what):
                throw context.error(what, status: response.status)
            case .json(let problem):
                var what = problem.description
                if let type = response.header("Content-Type"), !type.lowercased().contains("json") {
                    what += " (Content-Type \(type))"
                }
                what += "; body starts: \(response.excerpt(limit: 120))"
                throw context.error(what, status: response.status)
            }
        }
    }

    /// `{"app":{…}}`.
    static func app(_ response: HTTPResponse, _ context: DecodingContext) throws(YARNError) -> YARNApp {
        let root = try context.parse(response)
        let app = try context.member("app", of: root, status: response.status)
        guard let object = app.object else {
            throw context.error("'app' is a \(app.typeName), expected an object", status: response.status)
        }
        do { return try YARNApp(json: object) } catch {
            throw context.error("app: \(error.reason)", status: response.status)
        }
    }

    /// `{"state":"KILLING"}`.
    static func state(_ response: HTTPResponse, _ context: DecodingContext) throws(YARNError) -> YARNAppState {
        let root = try context.parse(response)
        let value = try context.member("state", of: root, status: response.status)
        guard let text = value.string else {
            throw context.error("'state' is a \(value.typeName), expected a string", status: response.status)
        }
        return YARNAppState(rawValue: text)
    }

    /// `{"clusterInfo":{…}}`.
    static func clusterInfo(_ response: HTTPResponse, _ context: DecodingContext) throws(YARNError) -> ClusterInfo {
        let root = try context.parse(response)
        let value = try context.member("clusterInfo", of: root, status: response.status)
        guard let o = value.object else {
            throw context.error("'clusterInfo' is a \(value.typeName), expected an object", status: response.status)
        }
        return ClusterInfo(
            id: o["id"]?.int64, startedOn: o["startedOn"]?.int64, state: o["state"]?.string,
            haState: o["haState"]?.string, resourceManagerVersion: o["resourceManagerVersion"]?.string,
            hadoopVersion: o["hadoopVersion"]?.string, rmClusterId: o["rmClusterId"]?.string)
    }

    /// `{"clusterMetrics":{…}}`.
    static func metrics(_ response: HTTPResponse, _ context: DecodingContext) throws(YARNError) -> ClusterMetrics {
        let root = try context.parse(response)
        let value = try context.member("clusterMetrics", of: root, status: response.status)
        guard let o = value.object else {
            throw context.error("'clusterMetrics' is a \(value.typeName), expected an object", status: response.status)
        }
        var values: [String: Int64] = [:]
        for (key, field) in o { if let n = field.int64 { values[key] = n } }
        return ClusterMetrics(values: values)
    }

    /// `{"appAttempts":{"appAttempt":[…]}}`.
    static func attempts(_ response: HTTPResponse, _ context: DecodingContext) throws(YARNError) -> [AppAttempt] {
        let root = try context.parse(response)
        let value = try context.member("appAttempts", of: root, status: response.status)
        let items: [RMJSONValue]
        switch value {
        case .null: items = []
        case .object(let o):
            switch o["appAttempt"] {
            case .none, .some(.null): items = []
            case .some(.array(let a)): items = a
            case .some(.object): items = [o["appAttempt"] ?? .null]
            case .some(let other):
                throw context.error(
                    "appAttempts.appAttempt is a \(other.typeName), expected an array",
                    status: response.status)
            }
        default:
            throw context.error("'appAttempts' is a \(value.typeName), expected an object", status: response.status)
        }
        // Every entry must be an attempt: a corrupt entry dropped would read as "no attempts".
        var attempts: [[String: RMJSONValue]] = []
        for (index, item) in items.enumerated() {
            guard let o = item.object else {
                throw context.error(
                    "appAttempts.appAttempt[\(index)] is a \(item.typeName), expected an object",
                    status: response.status)
            }
            attempts.append(o)
        }
        return attempts.map { o in
            AppAttempt(
                id: o["id"]?.int64, appAttemptId: o["appAttemptId"]?.string,
                startTimeMillis: o["startTime"]?.int64, finishedTimeMillis: o["finishedTime"]?.int64,
                containerId: o["containerId"]?.string, nodeHttpAddress: o["nodeHttpAddress"]?.string,
                nodeId: o["nodeId"]?.string, logsLink: o["logsLink"]?.string,
                appAttemptState: o["appAttemptState"]?.string, diagnostics: o["diagnosticsInfo"]?.string)
        }
    }

    /// `{"application-id":"…","maximum-resource-capability":{"memory":…,"vCores":…}}`.
    static func newApplication(_ response: HTTPResponse, _ context: DecodingContext) throws(YARNError) -> NewApplication {
        let root = try context.parse(response)
        let value = try context.member("application-id", of: root, status: response.status)
        guard let id = value.string, !id.isEmpty else {
            throw context.error("'application-id' is a \(value.typeName), expected a string", status: response.status)
        }
        let capability = root.object?["maximum-resource-capability"]?.object
        return NewApplication(
            applicationId: id, maximumMemoryMB: capability?["memory"]?.int64,
            maximumVCores: capability?["vCores"]?.int64)
    }

    /// A single string field of a top-level object (`{"queue":"q"}`, `{"priority":3}` as text).
    static func field(_ key: String, _ response: HTTPResponse, _ context: DecodingContext) throws(YARNError) -> RMJSONValue {
        let root = try context.parse(response)
        return try context.member(key, of: root, status: response.status)
    }
}
