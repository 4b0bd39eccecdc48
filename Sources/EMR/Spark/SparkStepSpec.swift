/// A Spark application as an EMR step: `command-runner.jar` running
/// `spark-submit --deploy-mode cluster --name N --class C [--conf k=v …] app args…`, the same `Args` the
/// AWS CLI's `Type=Spark` shorthand builds. ``init(step:)`` reads such a step back (to redeploy the
/// previous build).
public struct SparkStepSpec: Sendable, Equatable {
    /// The step name and `--name` (what YARN lists as the application name).
    public var name: String
    /// The application: an `s3://…` JAR or Python file.
    public var application: String
    /// `--class` (JAR applications).
    public var mainClass: String?
    /// The application's own arguments.
    public var args: [String]
    /// `--conf` properties (sorted by key on the command line).
    public var conf: [String: String]
    /// `cluster` (default) or `client`.
    public var deployMode: String
    /// What EMR does when the step fails (default CONTINUE — the only safe value for streaming jobs).
    public var actionOnFailure: ActionOnFailure
    /// YARN application tags, sent as `spark.yarn.tags`.
    public var tags: [String]
    /// Other spark-submit options, as tokens, kept in order (`--jars`, `--executor-memory 4g`, …).
    public var extraOptions: [String]

    /// Creates a spec.
    public init(
        name: String, application: String, mainClass: String? = nil, args: [String] = [],
        conf: [String: String] = [:], deployMode: String = "cluster", actionOnFailure: ActionOnFailure = .continue,
        tags: [String] = [], extraOptions: [String] = []
    ) {
        self.name = name
        self.application = application
        self.mainClass = mainClass
        self.args = args
        self.conf = conf
        self.deployMode = deployMode
        self.actionOnFailure = actionOnFailure
        self.tags = tags
        self.extraOptions = extraOptions
    }

    /// The `spark-submit` command line (the step's `Args`).
    public var commandLine: [String] {
        var line = ["spark-submit", "--deploy-mode", deployMode, "--name", name]
        if let mainClass { line += ["--class", mainClass] }
        var properties = conf
        if !tags.isEmpty {
            let existing = properties["spark.yarn.tags"].map { $0.split(separator: ",").map(String.init) } ?? []
            properties["spark.yarn.tags"] = (existing + tags.filter { !existing.contains($0) }).joined(separator: ",")
        }
        for key in properties.keys.sorted() {
            line += ["--conf", "\(key)=\(properties[key] ?? "")"]
        }
        line += extraOptions
        line.append(application)
        line += args
        return line
    }

    /// The step to pass to AddJobFlowSteps.
    public var stepConfig: StepConfig {
        StepConfig(
            name: name, actionOnFailure: actionOnFailure,
            hadoopJarStep: HadoopJarStepConfig(jar: "command-runner.jar", args: commandLine))
    }
}
