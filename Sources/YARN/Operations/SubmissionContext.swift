import SparkDeployCore

/// What `POST /ws/v1/cluster/apps` submits (the RM's hyphenated `application-submission-context`).
public struct SubmissionContext: Sendable, Equatable {
    /// `application-name`.
    public var name: String
    /// `queue`.
    public var queue: String?
    /// `priority`.
    public var priority: Int?
    /// `application-type` (`SPARK`).
    public var applicationType: String
    /// `application-tags` (stored lower-cased by the RM).
    public var tags: [String]
    /// The AM container's commands (`am-container-spec.commands.command`).
    public var command: String
    /// The AM container's environment.
    public var environment: [String: String]
    /// AM memory in MB (`resource.memory`).
    public var memoryMB: Int
    /// AM vcores (`resource.vCores`).
    public var vCores: Int
    /// `max-app-attempts`.
    public var maxAppAttempts: Int?
    /// `keep-containers-across-application-attempts`.
    public var keepContainers: Bool?

    /// Creates a submission.
    public init(
        name: String, command: String, queue: String? = nil, priority: Int? = nil,
        applicationType: String = "SPARK", tags: [String] = [], environment: [String: String] = [:],
        memoryMB: Int = 1024, vCores: Int = 1, maxAppAttempts: Int? = nil, keepContainers: Bool? = nil
    ) {
        self.name = name
        self.command = command
        self.queue = queue
        self.priority = priority
        self.applicationType = applicationType
        self.tags = tags
        self.environment = environment
        self.memoryMB = memoryMB
        self.vCores = vCores
        self.maxAppAttempts = maxAppAttempts
        self.keepContainers = keepContainers
    }

    /// The JSON object for `applicationId`.
    func json(applicationId: String) -> JSONText {
        var object: [String: JSONText] = [
            "application-id": .string(applicationId),
            "application-name": .string(name),
            "application-type": .string(applicationType),
            "am-container-spec": [
                "commands": ["command": .string(command)],
                "environment": [
                    "entry": .array(environment.sorted { $0.key < $1.key }.map { ["key": .string($0.key), "value": .string($0.value)] })
                ],
            ],
            "resource": ["memory": .integer(memoryMB), "vCores": .integer(vCores)],
        ]
        if let queue { object["queue"] = .string(queue) }
        if let priority { object["priority"] = .integer(priority) }
        if !tags.isEmpty { object["application-tags"] = ["tag": .array(tags.map(JSONText.string))] }
        if let maxAppAttempts { object["max-app-attempts"] = .integer(maxAppAttempts) }
        if let keepContainers { object["keep-containers-across-application-attempts"] = .bool(keepContainers) }
        return .object(object)
    }
}
