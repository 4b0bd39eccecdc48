/// A state change's reason.
public struct StateChangeReason: Codable, Sendable, Equatable {
    /// The reason code (`USER_REQUEST`, `ALL_STEPS_COMPLETED`…).
    public var code: String?
    /// The message.
    public var message: String?
    enum CodingKeys: String, CodingKey { case code = "Code", message = "Message" }
}

/// A cluster's status.
public struct ClusterStatus: Codable, Sendable, Equatable {
    /// The state.
    public var state: ClusterState?
    /// Why it last changed.
    public var stateChangeReason: StateChangeReason?
    /// Creation, ready and end times.
    public var timeline: ClusterTimeline?
    enum CodingKeys: String, CodingKey {
        case state = "State", stateChangeReason = "StateChangeReason", timeline = "Timeline"
    }
}

/// A cluster's timeline.
public struct ClusterTimeline: Codable, Sendable, Equatable {
    /// Created.
    public var creationDateTime: EMRTimestamp?
    /// Ready for work.
    public var readyDateTime: EMRTimestamp?
    /// Ended.
    public var endDateTime: EMRTimestamp?
    enum CodingKeys: String, CodingKey {
        case creationDateTime = "CreationDateTime", readyDateTime = "ReadyDateTime", endDateTime = "EndDateTime"
    }
}

/// A tag.
public struct Tag: Codable, Sendable, Equatable, Hashable {
    /// The key.
    public var key: String
    /// The value.
    public var value: String?
    /// Creates a tag.
    public init(key: String, value: String?) {
        self.key = key
        self.value = value
    }
    enum CodingKeys: String, CodingKey { case key = "Key", value = "Value" }
}

/// An application installed on a cluster.
public struct Application: Codable, Sendable, Equatable {
    /// `Spark`, `Hadoop`…
    public var name: String?
    /// Its version.
    public var version: String?
    /// Creates an application reference (for RunJobFlow).
    public init(name: String, version: String? = nil) {
        self.name = name
        self.version = version
    }
    enum CodingKeys: String, CodingKey { case name = "Name", version = "Version" }
}

/// A cluster as DescribeCluster returns it.
public struct Cluster: Codable, Sendable, Equatable {
    /// `j-…`.
    public var id: String
    /// The name.
    public var name: String?
    /// Status.
    public var status: ClusterStatus?
    /// The master node's public DNS name.
    public var masterPublicDnsName: String?
    /// `emr-6.15.0`.
    public var releaseLabel: String?
    /// Steps that may run at once.
    public var stepConcurrencyLevel: Int?
    /// Tags.
    public var tags: [Tag]?
    /// Applications.
    public var applications: [Application]?
    /// The cluster ARN.
    public var clusterArn: String?
    /// Whether it terminates after its last step.
    public var autoTerminate: Bool?
    /// Termination protection.
    public var terminationProtected: Bool?
    /// Normalised instance hours.
    public var normalizedInstanceHours: Int?

    /// The state, when known.
    public var state: ClusterState? { status?.state }
    /// The value of tag `key`.
    public func tag(_ key: String) -> String? { tags?.first { $0.key == key }?.value }

    enum CodingKeys: String, CodingKey {
        case id = "Id", name = "Name", status = "Status", masterPublicDnsName = "MasterPublicDnsName"
        case releaseLabel = "ReleaseLabel", stepConcurrencyLevel = "StepConcurrencyLevel", tags = "Tags"
        case applications = "Applications", clusterArn = "ClusterArn", autoTerminate = "AutoTerminate"
        case terminationProtected = "TerminationProtected", normalizedInstanceHours = "NormalizedInstanceHours"
    }
}

/// A cluster as ListClusters returns it.
public struct ClusterSummary: Codable, Sendable, Equatable {
    /// `j-…`.
    public var id: String
    /// The name.
    public var name: String?
    /// Status.
    public var status: ClusterStatus?
    /// Normalised instance hours.
    public var normalizedInstanceHours: Int?
    /// The cluster ARN.
    public var clusterArn: String?
    /// The state, when known.
    public var state: ClusterState? { status?.state }
    enum CodingKeys: String, CodingKey {
        case id = "Id", name = "Name", status = "Status", normalizedInstanceHours = "NormalizedInstanceHours"
        case clusterArn = "ClusterArn"
    }
}
