/// What `spark-submit` runs: the application, its main class and arguments, and how YARN (or another
/// master) runs it. ``arguments()`` turns it into spark-submit's command line (the builder the
/// `yarn.spark_submit` Lua function uses); the builder lives here, next to the RM client, because the
/// YARN-mode rules it encodes (`spark.yarn.tags`, `spark.yarn.submit.waitAppCompletion`, the queue) are
/// YARN client knowledge, and it is pure: no process, no I/O.
public struct SparkSubmitSpec: Sendable, Equatable {
    /// The application: a JAR or a `.py` file (a local path, or a URI YARN can fetch: `s3://…`, `hdfs://…`).
    public var application: String
    /// The main class (`--class`); optional for Python applications and JARs whose manifest names one.
    public var mainClass: String?
    /// The application's own arguments, after the application.
    public var applicationArguments: [String]
    /// Spark properties (`--conf key=value`), written sorted by key so the command is stable.
    public var properties: [String: String]
    /// The application's name (`--name`).
    public var name: String?
    /// The YARN queue (`--queue`).
    public var queue: String?
    /// YARN application tags (`spark.yarn.tags`): how a later run finds this app and its build.
    public var tags: [String]
    /// The master (`yarn` by default; `local[1]` runs the driver in this process tree, for tests).
    public var master: String
    /// `cluster` (the default: the driver runs in a YARN container) or `client`.
    public var deployMode: String
    /// `--driver-memory` (a JVM memory string: `2g`, `1536m`).
    public var driverMemory: String?
    /// `--executor-memory`.
    public var executorMemory: String?
    /// `--num-executors`.
    public var numExecutors: Int?
    /// `--executor-cores`.
    public var executorCores: Int?
    /// `--files`: files placed in each executor's working directory.
    public var files: [String]
    /// `--py-files`: `.zip`, `.egg` or `.py` files put on the Python path.
    public var pyFiles: [String]

    /// The property that tells spark-submit's YARN client not to wait for the application to end.
    public static let waitAppCompletionProperty = "spark.yarn.submit.waitAppCompletion"
    /// The property that carries YARN application tags.
    public static let tagsProperty = "spark.yarn.tags"

    /// Creates a spec; only `application` is required.
    public init(
        application: String, mainClass: String? = nil, applicationArguments: [String] = [], properties: [String: String] = [:],
        name: String? = nil, queue: String? = nil, tags: [String] = [], master: String = "yarn", deployMode: String = "cluster",
        driverMemory: String? = nil, executorMemory: String? = nil, numExecutors: Int? = nil, executorCores: Int? = nil,
        files: [String] = [], pyFiles: [String] = []
    ) {
        self.application = application
        self.mainClass = mainClass
        self.applicationArguments = applicationArguments
        self.properties = properties
        self.name = name
        self.queue = queue
        self.tags = tags
        self.master = master
        self.deployMode = deployMode
        self.driverMemory = driverMemory
        self.executorMemory = executorMemory
        self.numExecutors = numExecutors
        self.executorCores = executorCores
        self.files = files
        self.pyFiles = pyFiles
    }

    /// Whether the master is YARN (`yarn`, or the old `yarn-cluster`/`yarn-client` spellings).
    public var runsOnYARN: Bool { master == "yarn" || master.hasPrefix("yarn-") }

    /// Whether spark-submit's YARN client submits and returns (YARN cluster mode): then it never waits for
    /// the application to end (``waitAppCompletionProperty`` is always `false`), so a streaming job does not
    /// hold the deploy.
    public var submitsAndReturns: Bool { runsOnYARN && deployMode == "cluster" }

    /// spark-submit's arguments (without the program): options, `--conf` properties sorted by key, then
    /// the application and its arguments.
    /// - Throws: ``SparkSubmitSpecError`` naming the field when the spec is not valid.
    public func arguments() throws(SparkSubmitSpecError) -> [String] {
        try validate()
        var out = ["--master", master, "--deploy-mode", deployMode]
        if let name { out += ["--name", name] }
        if let queue { out += ["--queue", queue] }
        if let mainClass { out += ["--class", mainClass] }
        if let driverMemory { out += ["--driver-memory", driverMemory] }
        if let executorMemory { out += ["--executor-memory", executorMemory] }
        if let numExecutors { out += ["--num-executors", String(numExecutors)] }
        if let executorCores { out += ["--executor-cores", String(executorCores)] }
        if !files.isEmpty { out += ["--files", files.joined(separator: ",")] }
        if !pyFiles.isEmpty { out += ["--py-files", pyFiles.joined(separator: ",")] }
        for (key, value) in effectiveProperties() { out += ["--conf", "\(key)=\(value)"] }
        return out + [application] + applicationArguments
    }

    /// ``arguments()`` with the value of every secret-looking property (``isSecretProperty(_:)``) masked:
    /// what logs, errors, the audit trail and the Lua result show.
    public func maskedArguments(mask: String = "***") throws(SparkSubmitSpecError) -> [String] {
        var previous: String?
        return try arguments().map { token in
            defer { previous = token }
            guard previous == "--conf", let equals = token.firstIndex(of: "=") else { return token }
            let key = String(token[..<equals])
            return Self.isSecretProperty(key) ? "\(key)=\(mask)" : token
        }
    }

    /// The values of the secret-looking properties (to register with the redactor before the run).
    public var secretValues: [String] {
        properties.filter { Self.isSecretProperty($0.key) }.map(\.value)
    }

    /// Whether a property's value is a secret: its key has a part naming a password, secret, token,
    /// credential or key (`spark.hadoop.fs.s3a.secret.key`, `spark.ssl.keyPassword`, `…access.key`).
    public static func isSecretProperty(_ key: String) -> Bool {
        let parts = key.lowercased().split { $0 == "." || $0 == "_" || $0 == "-" }
        return parts.contains { part in
            part.hasSuffix("key") || ["password", "passwd", "secret", "token", "credential"].contains { part.contains($0) }
        }
    }

    /// The properties written, sorted by key: the user's, the tags merged into ``tagsProperty``, and in
    /// YARN cluster mode ``waitAppCompletionProperty`` `false`.
    func effectiveProperties() -> [(key: String, value: String)] {
        var merged = properties
        let listed = (properties[Self.tagsProperty] ?? "").split(separator: ",").map(String.init).filter { !$0.isEmpty }
        var allTags: [String] = []
        for tag in listed + tags where !allTags.contains(tag) { allTags.append(tag) }
        if !allTags.isEmpty { merged[Self.tagsProperty] = allTags.joined(separator: ",") }
        if submitsAndReturns { merged[Self.waitAppCompletionProperty] = "false" }
        return merged.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
    }
}
