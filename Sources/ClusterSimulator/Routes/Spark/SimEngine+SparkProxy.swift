import Hummingbird

/// The Spark statuses `jobs?status=` accepts (Spark's `JobExecutionStatus`, case-insensitive).
private let jobStatuses: Set<String> = ["RUNNING", "SUCCEEDED", "FAILED", "UNKNOWN"]

extension SimEngine {
    /// Serves `/proxy/{appId}/api/v1/applications[/{appId}/{endpoint}]`: the ResourceManager's web proxy in
    /// front of a RUNNING Spark app's driver (``SparkDriverModel``). Errors are plain-text 404s, as the
    /// proxy and the driver send them.
    func sparkProxy(_ call: YARNCall) -> Response {
        let parts = call.path.split(separator: "/").map(String.init)
        guard parts.count >= 2 else { return Responses.text(.notFound, "Not Found: \(call.path)") }
        let appId = parts[1]
        guard call.method == .get || call.method == .head else {
            return Responses.text(.methodNotAllowed, "HTTP method \(call.method.rawValue) is not supported by this URL")
        }
        return withState { core, now in
            guard let app = core.model.apps[appId] else {
                return Responses.text(.notFound, "Application \(appId) could not be found in RM or history server")
            }
            guard app.applicationType.uppercased() == "SPARK" else {
                return Responses.text(
                    .notFound, "Application \(appId) is not a Spark application (type \(app.applicationType)): no Spark REST API")
            }
            guard app.publicState == "RUNNING" else {
                return Responses.text(.notFound, "Application \(appId) is not running (state \(app.publicState))")
            }
            let driver = SparkDriverModel(app: app, now: now, batchSeconds: core.model.scenario.sparkBatchSeconds)
            return Self.sparkAPI(driver, rest: Array(parts.dropFirst(2)), query: call.query, path: call.path)
        }
    }

    /// Answers `rest` (the path after `/proxy/{appId}`) from `driver`.
    static func sparkAPI(_ driver: SparkDriverModel, rest: [String], query: [(String, String)], path: String) -> Response {
        guard rest.count >= 3, rest[0] == "api", rest[1] == "v1", rest[2] == "applications" else {
            return Responses.text(.notFound, "Not Found: \(path)")
        }
        guard rest.count > 3 else { return Responses.json(.ok, driver.applicationsJSON()) }
        guard rest[3] == driver.app.id else { return Responses.text(.notFound, "no such app: \(rest[3])") }
        switch rest.dropFirst(4).joined(separator: "/") {
        case "":
            return Responses.json(.ok, driver.applicationJSON())
        case "jobs":
            var statuses: Set<String>?
            for (name, value) in query where name == "status" {
                let status = value.uppercased()
                guard jobStatuses.contains(status) else {
                    return Responses.text(
                        .notFound, "Illegal type='\(value)'. Supported type values: RUNNING, SUCCEEDED, FAILED, UNKNOWN")
                }
                statuses = (statuses ?? []).union([status])
            }
            return Responses.json(.ok, driver.jobsJSON(statuses: statuses))
        case "stages":
            return Responses.json(.ok, driver.stagesJSON())
        case "executors":
            return Responses.json(.ok, driver.executorsJSON())
        case "streaming/statistics":
            return Responses.text(.notFound, "no streaming listener attached to \(driver.app.name)")
        case "sql":
            var offset = 0
            var length = 20
            for (name, value) in query where name == "offset" || name == "length" {
                guard let number = Int(value) else {
                    return Responses.text(.notFound, "Illegal value for \(name): \(value)")
                }
                if name == "offset" { offset = number } else { length = number }
            }
            return Responses.json(.ok, driver.sqlJSON(offset: offset, length: length))
        default:
            return Responses.text(.notFound, "Not Found: \(path)")
        }
    }
}
