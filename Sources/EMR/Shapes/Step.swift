/// A step's Hadoop JAR configuration as EMR reports it.
public struct HadoopStepConfig: Codable, Sendable, Equatable {
    /// The JAR (`command-runner.jar`).
    public var jar: String?
    /// Java properties.
    public var properties: [String: String]?
    /// The main class.
    public var mainClass: String?
    /// The arguments.
    public var args: [String]?
    enum CodingKeys: String, CodingKey { case jar = "Jar", properties = "Properties", mainClass = "MainClass", args = "Args" }
}

/// Why a step failed.
public struct FailureDetails: Codable, Sendable, Equatable {
    /// The reason.
    public var reason: String?
    /// The message.
    public var message: String?
    /// Where the log is.
    public var logFile: String?
    enum CodingKeys: String, CodingKey { case reason = "Reason", message = "Message", logFile = "LogFile" }
}

/// A step's timeline.
public struct StepTimeline: Codable, Sendable, Equatable {
    /// Created.
    public var creationDateTime: EMRTimestamp?
    /// Started.
    public var startDateTime: EMRTimestamp?
    /// Ended.
    public var endDateTime: EMRTimestamp?
    enum CodingKeys: String, CodingKey {
        case creationDateTime = "CreationDateTime", startDateTime = "StartDateTime", endDateTime = "EndDateTime"
    }
}

/// A step's status.
public struct StepStatus: Codable, Sendable, Equatable {
    /// The state.
    public var state: StepState?
    /// Why it last changed.
    public var stateChangeReason: StateChangeReason?
    /// Failure details.
    public var failureDetails: FailureDetails?
    /// Times.
    public var timeline: StepTimeline?
    enum CodingKeys: String, CodingKey {
        case state = "State", stateChangeReason = "StateChangeReason", failureDetails = "FailureDetails"
        case timeline = "Timeline"
    }
}

/// A step, as ListSteps (StepSummary) and DescribeStep (Step) return it.
public struct Step: Codable, Sendable, Equatable {
    /// `s-…`.
    public var id: String
    /// The name.
    public var name: String?
    /// The JAR, class and arguments.
    public var config: HadoopStepConfig?
    /// What EMR does when it fails.
    public var actionOnFailure: String?
    /// Status.
    public var status: StepStatus?
    /// The execution role.
    public var executionRoleArn: String?

    /// The state, when known.
    public var state: StepState? { status?.state }
    /// When it was created.
    public var createdAt: Double? { status?.timeline?.creationDateTime?.epochSeconds }

    enum CodingKeys: String, CodingKey {
        case id = "Id", name = "Name", config = "Config", actionOnFailure = "ActionOnFailure", status = "Status"
        case executionRoleArn = "ExecutionRoleArn"
    }
}

/// A key and value (Java properties of a step).
public struct KeyValue: Codable, Sendable, Equatable {
    /// The key.
    public var key: String
    /// The value.
    public var value: String
    /// Creates a pair.
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
    enum CodingKeys: String, CodingKey { case key = "Key", value = "Value" }
}

/// The JAR step to run (AddJobFlowSteps / RunJobFlow input).
public struct HadoopJarStepConfig: Codable, Sendable, Equatable {
    /// The JAR (`command-runner.jar`).
    public var jar: String
    /// The main class (when the JAR's manifest has none).
    public var mainClass: String?
    /// The arguments.
    public var args: [String]
    /// Java properties.
    public var properties: [KeyValue]?
    /// Creates a configuration.
    public init(jar: String, mainClass: String? = nil, args: [String] = [], properties: [KeyValue]? = nil) {
        self.jar = jar
        self.mainClass = mainClass
        self.args = args
        self.properties = properties
    }
    enum CodingKeys: String, CodingKey { case jar = "Jar", mainClass = "MainClass", args = "Args", properties = "Properties" }
}

/// A step to add.
public struct StepConfig: Codable, Sendable, Equatable {
    /// The name (used to find the step again after an ambiguous failure).
    public var name: String
    /// What EMR does when it fails.
    public var actionOnFailure: ActionOnFailure
    /// What to run.
    public var hadoopJarStep: HadoopJarStepConfig
    /// Creates a step configuration.
    public init(name: String, actionOnFailure: ActionOnFailure = .continue, hadoopJarStep: HadoopJarStepConfig) {
        self.name = name
        self.actionOnFailure = actionOnFailure
        self.hadoopJarStep = hadoopJarStep
    }
    enum CodingKeys: String, CodingKey { case name = "Name", actionOnFailure = "ActionOnFailure", hadoopJarStep = "HadoopJarStep" }
}

/// One entry of CancelSteps' answer.
public struct CancelStepsInfo: Codable, Sendable, Equatable {
    /// The step.
    public var stepId: String?
    /// `SUBMITTED` or `FAILED`.
    public var status: String?
    /// Why it failed.
    public var reason: String?
    enum CodingKeys: String, CodingKey { case stepId = "StepId", status = "Status", reason = "Reason" }
}
