import Livy
import LuaHost

/// Converts between the Livy client's types and the Lua tables recipes see (snake_case fields).
enum LivyConversions {
    /// A batch as recipes see it.
    static func table(_ batch: LivyBatch) -> LuaValue {
        .map([
            "id": .integer(Int64(batch.id)), "name": .optional(batch.name), "owner": .optional(batch.owner),
            "proxy_user": .optional(batch.proxyUser), "state": .string(batch.state.rawValue), "app_id": .optional(batch.appId),
            "driver_log_url": .optional(batch.driverLogURL), "spark_ui_url": .optional(batch.sparkUIURL),
            "log": .array(batch.log),
        ])
    }

    static let batchRecord = RecordSpec(
        "LivyBatch", doc: "A Livy batch as recipes see it.", closed: false,
        fields: [
            FieldSpec("id", .integer, doc: "the batch id"), FieldSpec("name", .string, doc: "the batch (and YARN app) name"),
            FieldSpec("state", .string, doc: "starting, running, success, dead, killed…"),
            FieldSpec("app_id", .string, doc: "the YARN application id (nil while starting)"),
            FieldSpec("owner", .string), FieldSpec("proxy_user", .string),
            FieldSpec("driver_log_url", .string), FieldSpec("spark_ui_url", .string),
            FieldSpec("log", .array(.string), doc: "the last lines of the batch log"),
            FieldSpec("dry_run", .boolean, doc: "true when --dry-run only recorded the submission"),
        ])

    static let serverRecord = RecordSpec(
        "LivyOptions",
        fields: [
            FieldSpec("url", .string, doc: "the server URL; user:password@ in it is HTTP Basic (redacted everywhere)"),
            FieldSpec("user", .string, doc: "HTTP Basic user (Livy's LDAP auth, Knox)"),
            FieldSpec("password", .string, doc: "HTTP Basic password (redacted everywhere)"),
            FieldSpec("requested_by", .string, doc: "X-Requested-By value (default sparkdeploy)"),
            FieldSpec("ca_bundle", .string, doc: "PEM file of CAs to trust"),
            FieldSpec("insecure", .boolean, doc: "skip TLS verification (logged as a warning)"),
            FieldSpec("timeout", .number, doc: "per-request timeout in seconds"),
        ])

    static let submitRecord = RecordSpec(
        "LivySubmitSpec", doc: "What POST /batches submits (Livy's CreateBatchRequest).",
        fields: [
            FieldSpec("file", .string, optional: false, doc: "the application jar or .py (hdfs://, s3://…)"),
            FieldSpec("class", .string, doc: "the main class"),
            FieldSpec("args", .array(.string), doc: "application arguments"),
            FieldSpec("conf", .table, doc: "Spark configuration {key = value}"),
            FieldSpec(
                "name", .string,
                doc: "batch and YARN app name; make it unique (e.g. with the deploy id): Livy refuses a name a live batch has"),
            FieldSpec("queue", .string, doc: "YARN queue"), FieldSpec("proxy_user", .string, doc: "user to run as"),
            FieldSpec("tags", .array(.string), doc: "YARN application tags (spark.yarn.tags)"),
            FieldSpec("driver_memory", .string, doc: "e.g. 2g"), FieldSpec("driver_cores", .integer),
            FieldSpec("executor_memory", .string, doc: "e.g. 4g"), FieldSpec("executor_cores", .integer),
            FieldSpec("num_executors", .integer), FieldSpec("jars", .array(.string)), FieldSpec("files", .array(.string)),
            FieldSpec("py_files", .array(.string)), FieldSpec("archives", .array(.string)),
        ])

    static let logRecord = RecordSpec(
        "LivyLogOptions",
        fields: [
            FieldSpec("from", .integer, doc: "first line (default: the last `size` lines)"),
            FieldSpec("size", .integer, doc: "how many lines (default 100)"),
        ])

    static let awaitRecord = RecordSpec(
        "LivyAwaitOptions", fields: [FieldSpec("timeout", .number, doc: "seconds (default 300)")])

    /// The batch request a `LivySubmitSpec` describes.
    static func request(_ o: HostOptions, function: String) throws -> BatchRequest {
        var conf: [String: String] = [:]
        if let table = try o.table("conf") {
            for key in table.stringKeys {
                switch table[key] {
                case .string(let s): conf[key] = s
                case .integer(let i): conf[key] = String(i)
                case .number(let n): conf[key] = n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
                case .boolean(let b): conf[key] = b ? "true" : "false"
                default:
                    throw HostError.argument(
                        function, index: 1, name: "spec.conf.\(key)", expected: "string, number or boolean", got: table[key].typeName)
                }
            }
        }
        if let tags = try o.strings("tags"), !tags.isEmpty {
            let given = conf["spark.yarn.tags"].map { [$0] } ?? []
            conf["spark.yarn.tags"] = (given + tags).joined(separator: ",")
        }
        func count(_ field: String) throws -> Int? { try o.integer(field).map { Int(clamping: $0) } }
        return BatchRequest(
            file: try o.string("file") ?? "", className: try o.string("class"), args: try o.strings("args") ?? [], conf: conf,
            name: try o.string("name"), proxyUser: try o.string("proxy_user"), queue: try o.string("queue"),
            driverMemory: try o.string("driver_memory"), driverCores: try count("driver_cores"),
            executorMemory: try o.string("executor_memory"), executorCores: try count("executor_cores"),
            numExecutors: try count("num_executors"), jars: try o.strings("jars") ?? [], files: try o.strings("files") ?? [],
            pyFiles: try o.strings("py_files") ?? [], archives: try o.strings("archives") ?? [])
    }
}

extension HostError {
    /// The Lua-facing form of a Livy client error: code `livy.<kind>`, the endpoint, batch and last state.
    init(livy error: LivyError) {
        var details: [String: LuaValue] = [:]
        details["operation"] = .string(error.operation)
        details["endpoint"] = .optional(error.endpoint)
        details["batch_id"] = .optional(error.batchId.map(Int64.init))
        details["last_state"] = .optional(error.lastState)
        details["polls"] = .optional(error.polls.map(Int64.init))
        let kind: HostError.Kind = error.code == .timeout ? .timeout : error.code == .cancelled ? .cancelled : .remote
        self.init(
            kind: kind, message: error.description, code: "livy." + error.code.rawValue, status: error.status,
            retryable: error.isTransient, details: details)
    }
}
