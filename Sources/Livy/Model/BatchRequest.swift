import Foundation

/// What `POST /batches` submits: Livy's `CreateBatchRequest` (the application, its arguments and Spark
/// configuration, its YARN name, queue and sizing).
public struct BatchRequest: Sendable, Equatable {
    /// The application jar or Python file (`file`), a URI the cluster can read (`hdfs://`, `s3://`…).
    public var file: String
    /// The main class (`className`).
    public var className: String?
    /// Arguments to the application (`args`).
    public var args: [String]
    /// Spark configuration (`conf`), e.g. `spark.yarn.tags`.
    public var conf: [String: String]
    /// The batch name, which is also the YARN application name; give every submission a unique one (a deploy
    /// id in it): Livy refuses a name a live batch has, and a creation is checked by name before any retry.
    public var name: String?
    /// The user to run as (`proxyUser`).
    public var proxyUser: String?
    /// The YARN queue.
    public var queue: String?
    /// Driver memory, a JVM size (`512m`, `2g`).
    public var driverMemory: String?
    /// Driver cores.
    public var driverCores: Int?
    /// Memory per executor, a JVM size.
    public var executorMemory: String?
    /// Cores per executor.
    public var executorCores: Int?
    /// How many executors.
    public var numExecutors: Int?
    /// Extra jars on the classpath.
    public var jars: [String]
    /// Files placed in the containers' working directories.
    public var files: [String]
    /// Python files on the `PYTHONPATH`.
    public var pyFiles: [String]
    /// Archives extracted in the containers.
    public var archives: [String]

    /// Creates a request; only `file` is required.
    public init(
        file: String, className: String? = nil, args: [String] = [], conf: [String: String] = [:], name: String? = nil,
        proxyUser: String? = nil, queue: String? = nil, driverMemory: String? = nil, driverCores: Int? = nil,
        executorMemory: String? = nil, executorCores: Int? = nil, numExecutors: Int? = nil, jars: [String] = [],
        files: [String] = [], pyFiles: [String] = [], archives: [String] = []
    ) {
        self.file = file
        self.className = className
        self.args = args
        self.conf = conf
        self.name = name
        self.proxyUser = proxyUser
        self.queue = queue
        self.driverMemory = driverMemory
        self.driverCores = driverCores
        self.executorMemory = executorMemory
        self.executorCores = executorCores
        self.numExecutors = numExecutors
        self.jars = jars
        self.files = files
        self.pyFiles = pyFiles
        self.archives = archives
    }

    /// The JSON body, keys sorted, absent fields left out.
    func body() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(Wire(self)))
    }

    /// The request as Livy's JSON names it.
    private struct Wire: Encodable {
        var file: String
        var className: String?
        var args: [String]?
        var conf: [String: String]?
        var name: String?
        var proxyUser: String?
        var queue: String?
        var driverMemory: String?
        var driverCores: Int?
        var executorMemory: String?
        var executorCores: Int?
        var numExecutors: Int?
        var jars: [String]?
        var files: [String]?
        var pyFiles: [String]?
        var archives: [String]?

        init(_ r: BatchRequest) {
            file = r.file
            className = r.className
            args = r.args.isEmpty ? nil : r.args
            conf = r.conf.isEmpty ? nil : r.conf
            name = r.name
            proxyUser = r.proxyUser
            queue = r.queue
            driverMemory = r.driverMemory
            driverCores = r.driverCores
            executorMemory = r.executorMemory
            executorCores = r.executorCores
            numExecutors = r.numExecutors
            jars = r.jars.isEmpty ? nil : r.jars
            files = r.files.isEmpty ? nil : r.files
            pyFiles = r.pyFiles.isEmpty ? nil : r.pyFiles
            archives = r.archives.isEmpty ? nil : r.archives
        }
    }
}
