import SparkDeployCore

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

    /// Parses a `spark-submit` argument list (`["spark-submit", "--deploy-mode", …]`) with the shared
    /// ``SparkSubmitCommand`` reader.
    /// - Throws: ``SparkStepParseError`` when it is not a `spark-submit` command line with an application.
    public init(
        arguments: [String], stepName: String? = nil, actionOnFailure: ActionOnFailure = .continue,
        stepId: String = "-"
    ) throws {
        let command = SparkSubmitCommand(arguments)
        guard command.runsSparkSubmit() else {
            throw SparkStepParseError(stepId: stepId, reason: "Args do not start with spark-submit")
        }
        if let option = command.optionWithoutValue {
            throw SparkStepParseError(stepId: stepId, reason: "option \(option) has no value")
        }
        guard let application = command.application else {
            throw SparkStepParseError(stepId: stepId, reason: "no application JAR or Python file")
        }
        var name = stepName
        var mainClass: String?
        var deployMode = "client"
        var conf: [String: String] = [:]
        var extra: [String] = []
        for option in command.options {
            if let property = option.property {
                conf[property.key] = property.value
                continue
            }
            switch (option.name, option.value) {
            case ("--name", let value?): name = value
            case ("--class", let value?): mainClass = value
            case ("--deploy-mode", let value?): deployMode = value
            default: extra += option.tokens
            }
        }
        let tags =
            conf.removeValue(forKey: "spark.yarn.tags")
            .map { $0.split(separator: ",").map(String.init) } ?? []
        self.init(
            name: name ?? "", application: application, mainClass: mainClass,
            args: command.applicationArguments, conf: conf, deployMode: deployMode,
            actionOnFailure: actionOnFailure, tags: tags, extraOptions: extra)
    }
}
