/// A step whose `Args` are not a `spark-submit` command line we can read.
public struct SparkStepParseError: Error, Sendable, CustomStringConvertible {
    /// The step id (or `-`).
    public var stepId: String
    /// What was wrong.
    public var reason: String
    /// `step s-1 is not a Spark step: …`.
    public var description: String { "step \(stepId) is not a Spark step: \(reason)" }
}

extension SparkStepSpec {
    /// spark-submit options that take no value.
    static let flags: Set<String> = ["--verbose", "-v", "--supervise", "--help", "-h", "--version", "--usage-error"]

    /// Reads a step created by ``stepConfig`` (or by the AWS CLI's `Type=Spark`) back into a spec.
    /// - Throws: ``SparkStepParseError`` when the step does not run `spark-submit` through `command-runner.jar`.
    public init(step: Step) throws {
        let id = step.id
        guard let config = step.config else { throw SparkStepParseError(stepId: id, reason: "no Config") }
        guard let jar = config.jar, jar.hasSuffix("command-runner.jar") else {
            throw SparkStepParseError(stepId: id, reason: "Jar is \(config.jar ?? "missing"), not command-runner.jar")
        }
        let action = step.actionOnFailure.flatMap(ActionOnFailure.init(rawValue:)) ?? .continue
        try self.init(arguments: config.args ?? [], stepName: step.name, actionOnFailure: action, stepId: id)
    }

    /// Parses a `spark-submit` argument list (`["spark-submit", "--deploy-mode", …]`).
    /// - Throws: ``SparkStepParseError`` when it is not a `spark-submit` command line with an application.
    public init(arguments: [String], stepName: String? = nil, actionOnFailure: ActionOnFailure = .continue,
                stepId: String = "-") throws {
        guard arguments.first == "spark-submit" else {
            throw SparkStepParseError(stepId: stepId, reason: "Args do not start with spark-submit")
        }
        var name = stepName
        var mainClass: String?
        var deployMode = "client"
        var conf: [String: String] = [:]
        var extra: [String] = []
        var index = 1
        while index < arguments.count, arguments[index].hasPrefix("-") {
            let option = arguments[index]
            if Self.flags.contains(option) {
                extra.append(option)
                index += 1
                continue
            }
            guard index + 1 < arguments.count else {
                throw SparkStepParseError(stepId: stepId, reason: "option \(option) has no value")
            }
            let value = arguments[index + 1]
            switch option {
            case "--name": name = value
            case "--class": mainClass = value
            case "--deploy-mode": deployMode = value
            case "--conf", "-c":
                let parts = value.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                conf[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
            default: extra += [option, value]
            }
            index += 2
        }
        guard index < arguments.count else {
            throw SparkStepParseError(stepId: stepId, reason: "no application JAR or Python file")
        }
        let tags = conf.removeValue(forKey: "spark.yarn.tags")
            .map { $0.split(separator: ",").map(String.init) } ?? []
        self.init(name: name ?? "", application: arguments[index], mainClass: mainClass,
                  args: Array(arguments[(index + 1)...]), conf: conf, deployMode: deployMode,
                  actionOnFailure: actionOnFailure, tags: tags, extraOptions: extra)
    }
}
