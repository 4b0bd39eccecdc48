/// A key/value tag on an EMR cluster.
public struct ClusterTag: Sendable, Codable, Equatable {
    /// Tag key.
    public var key: String
    /// Tag value.
    public var value: String
    /// Creates a tag.
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// An EMR cluster in the coupled model.
struct SimCluster: Sendable {
    var id: String
    var name: String
    var arn: String
    var releaseLabel: String
    var state: String
    var reasonCode: String?
    var reasonMessage: String?
    var created: Double
    var ready: Double?
    var ended: Double?
    /// Virtual time of the next STARTING/BOOTSTRAPPING/TERMINATING transition.
    var nextAt: Double?
    var stepConcurrencyLevel: Int
    var tags: [ClusterTag]
    var keepAlive: Bool
    var seq: Int
    var applications: [String] = ["Hadoop", "Spark"]
    var logUri: String?
    var serviceRole: String = "EMR_DefaultRole"

    var isActive: Bool { ["STARTING", "BOOTSTRAPPING", "RUNNING", "WAITING"].contains(state) }
    var isReady: Bool { state == "WAITING" || state == "RUNNING" }
}
