/// The instances of a new cluster (the uniform instance-group shorthand).
public struct JobFlowInstancesConfig: Codable, Sendable, Equatable {
    /// Master node type.
    public var masterInstanceType: String?
    /// Core/task node type.
    public var slaveInstanceType: String?
    /// Number of instances.
    public var instanceCount: Int?
    /// Keep the cluster when no steps are left.
    public var keepJobFlowAliveWhenNoSteps: Bool?
    /// Termination protection.
    public var terminationProtected: Bool?
    /// Subnet.
    public var ec2SubnetId: String?
    /// Key pair.
    public var ec2KeyName: String?
    /// Creates an instances configuration.
    public init(
        masterInstanceType: String? = "m5.xlarge", slaveInstanceType: String? = "m5.xlarge",
        instanceCount: Int? = 1, keepJobFlowAliveWhenNoSteps: Bool? = true,
        terminationProtected: Bool? = nil, ec2SubnetId: String? = nil, ec2KeyName: String? = nil
    ) {
        self.masterInstanceType = masterInstanceType
        self.slaveInstanceType = slaveInstanceType
        self.instanceCount = instanceCount
        self.keepJobFlowAliveWhenNoSteps = keepJobFlowAliveWhenNoSteps
        self.terminationProtected = terminationProtected
        self.ec2SubnetId = ec2SubnetId
        self.ec2KeyName = ec2KeyName
    }
    enum CodingKeys: String, CodingKey {
        case masterInstanceType = "MasterInstanceType", slaveInstanceType = "SlaveInstanceType"
        case instanceCount = "InstanceCount", keepJobFlowAliveWhenNoSteps = "KeepJobFlowAliveWhenNoSteps"
        case terminationProtected = "TerminationProtected", ec2SubnetId = "Ec2SubnetId", ec2KeyName = "Ec2KeyName"
    }
}

/// A RunJobFlow request (the members a deploy tool needs).
public struct RunJobFlowRequest: Codable, Sendable, Equatable {
    /// The cluster name (used to find the cluster again after an ambiguous failure).
    public var name: String
    /// `emr-6.15.0`.
    public var releaseLabel: String?
    /// Instances.
    public var instances: JobFlowInstancesConfig
    /// Applications (`Spark`).
    public var applications: [Application]?
    /// Steps to run at start.
    public var steps: [StepConfig]?
    /// Tags.
    public var tags: [Tag]?
    /// The service role.
    public var serviceRole: String?
    /// The EC2 instance profile.
    public var jobFlowRole: String?
    /// Log location.
    public var logUri: String?
    /// Visible to every IAM user of the account.
    public var visibleToAllUsers: Bool?
    /// Steps that may run at once.
    public var stepConcurrencyLevel: Int?

    /// Creates a request.
    public init(
        name: String, releaseLabel: String? = nil, instances: JobFlowInstancesConfig = JobFlowInstancesConfig(),
        applications: [Application]? = [Application(name: "Spark")], steps: [StepConfig]? = nil,
        tags: [Tag]? = nil, serviceRole: String? = "EMR_DefaultRole", jobFlowRole: String? = "EMR_EC2_DefaultRole",
        logUri: String? = nil, visibleToAllUsers: Bool? = true, stepConcurrencyLevel: Int? = nil
    ) {
        self.name = name
        self.releaseLabel = releaseLabel
        self.instances = instances
        self.applications = applications
        self.steps = steps
        self.tags = tags
        self.serviceRole = serviceRole
        self.jobFlowRole = jobFlowRole
        self.logUri = logUri
        self.visibleToAllUsers = visibleToAllUsers
        self.stepConcurrencyLevel = stepConcurrencyLevel
    }

    enum CodingKeys: String, CodingKey {
        case name = "Name", releaseLabel = "ReleaseLabel", instances = "Instances", applications = "Applications"
        case steps = "Steps", tags = "Tags", serviceRole = "ServiceRole", jobFlowRole = "JobFlowRole"
        case logUri = "LogUri", visibleToAllUsers = "VisibleToAllUsers", stepConcurrencyLevel = "StepConcurrencyLevel"
    }
}
