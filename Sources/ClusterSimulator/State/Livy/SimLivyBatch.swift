/// One Livy batch session in the simulator: what `POST /batches` asked for and the YARN app it became.
struct SimLivyBatch: Sendable {
    /// The batch id (0, 1, 2… per server).
    var id: Int
    /// The request as Livy read it.
    var request: LivyBatchRequest
    /// The authenticated user (HTTP Basic), if the server authenticates.
    var owner: String?
    /// When the batch was created (virtual seconds).
    var createdAt: Double
    /// When its YARN app is submitted (Livy's spark-submit reached the RM).
    var submitAt: Double
    /// The tag Livy adds to the app (`livy-batch-<id>-<random>`) to find it in YARN.
    var appTag: String
    /// The YARN application, once submitted.
    var appId: String?
    /// The batch state as last derived from its app (`starting`, `running`, `success`, `dead`, `killed`).
    var state: String = "starting"
    /// When the batch reached a final state, for the retention of finished sessions.
    var endedAt: Double?

    /// Livy's batch states that never change again.
    static let finalStates: Set<String> = ["success", "dead", "killed", "error"]

    /// Livy's mapping of a YARN (state, final status) onto a batch state (`SparkYarnApp.mapYarnState` and
    /// `BatchSession.stateChanged`): RUNNING → running, FINISHED/SUCCEEDED → success, KILLED → killed,
    /// FAILED and any other combination → dead; earlier states keep the batch `starting`.
    static func state(yarnState: String, finalStatus: String) -> String {
        switch (yarnState, finalStatus) {
        case ("NEW", _), ("NEW_SAVING", _), ("SUBMITTED", _), ("ACCEPTED", _): return "starting"
        case ("RUNNING", _): return "running"
        case ("FINISHED", "SUCCEEDED"): return "success"
        case ("KILLED", _): return "killed"
        default: return "dead"
        }
    }
}

/// The fields of a Livy `CreateBatchRequest` the simulator uses (and echoes into the app's command line).
struct LivyBatchRequest: Sendable {
    var file: String
    var className: String?
    var args: [String] = []
    var name: String?
    var proxyUser: String?
    var queue: String?
    var conf: [(String, String)] = []
    var driverMemory: String?
    var executorMemory: String?
    var numExecutors: Int?

    /// Reads a request body; the error is Livy's message for a bad request.
    static func parse(_ body: JSONValue) -> Result<LivyBatchRequest, LivyRequestError> {
        guard body.objectValue != nil else {
            return .failure(LivyRequestError(message: "Cannot deserialize the request body: expected a JSON object"))
        }
        guard let file = body["file"]?.stringValue, !file.isEmpty else {
            return .failure(LivyRequestError(message: "requirement failed: File is required."))
        }
        var request = LivyBatchRequest(file: file)
        request.className = body["className"]?.stringValue
        request.args = body["args"]?.arrayValue?.map { $0.stringValue ?? Self.text($0) } ?? []
        request.name = body["name"]?.stringValue
        request.proxyUser = body["proxyUser"]?.stringValue
        request.queue = body["queue"]?.stringValue
        request.driverMemory = body["driverMemory"]?.stringValue
        request.executorMemory = body["executorMemory"]?.stringValue
        request.numExecutors = body["numExecutors"]?.intValue
        for (key, value) in body["conf"]?.objectValue ?? [] {
            request.conf.append((key, value.stringValue ?? Self.text(value)))
        }
        return .success(request)
    }

    /// A non-string JSON value as its JSON text (Livy reads `conf` values and `args` as strings).
    static func text(_ value: JSONValue) -> String { String(decoding: JSONWriter.encode(value), as: UTF8.self) }

    /// The value of Spark property `key` in `conf`, if set.
    func property(_ key: String) -> String? { conf.last { $0.0 == key }?.1 }

    /// The application name YARN shows: `name`, else `spark.app.name`, else the main class or the file's name.
    var appName: String {
        name ?? property("spark.app.name") ?? className ?? String(file.split(separator: "/").last ?? Substring(file))
    }

    /// The application tags: `spark.yarn.tags` (trimmed, lower-cased, as YARN stores them) plus Livy's own.
    func tags(livyTag: String) -> [String] {
        let given = (property("spark.yarn.tags") ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        return given + [livyTag]
    }

    /// What the YARN model needs to know of the Spark app (its checkpoint and stop marker among them).
    func submission(livyTag: String) -> SparkSubmit {
        SparkSubmit(
            name: appName, mainClass: className, jar: file, tags: tags(livyTag: livyTag), queue: queue ?? "default",
            checkpointLocation: property(StreamingConf.checkpointLocation), stopMarker: property(StreamingConf.stopMarker))
    }

    /// The `spark-submit` command line Livy runs for this batch (what a fault's `build` is looked for in).
    var commandLine: String {
        var parts = ["spark-submit", "--deploy-mode", "cluster"]
        if let name { parts += ["--name", name] }
        if let className { parts += ["--class", className] }
        if let queue { parts += ["--queue", queue] }
        for (key, value) in conf { parts += ["--conf", "\(key)=\(value)"] }
        return (parts + [file] + args).joined(separator: " ")
    }
}

/// A `POST /batches` body Livy refuses (400 `{"msg": …}`).
struct LivyRequestError: Error, Sendable {
    var message: String
}
