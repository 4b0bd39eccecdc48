/// An EC2 instance of a cluster (ListInstances).
public struct Instance: Codable, Sendable, Equatable {
    /// The EMR instance id (`ci-…`).
    public var id: String?
    /// The EC2 instance id (`i-…`).
    public var ec2InstanceId: String?
    /// Public DNS name.
    public var publicDnsName: String?
    /// Public IP.
    public var publicIpAddress: String?
    /// Private DNS name.
    public var privateDnsName: String?
    /// Private IP.
    public var privateIpAddress: String?
    /// Status (`State`: AWAITING_FULFILLMENT, PROVISIONING, BOOTSTRAPPING, RUNNING, TERMINATED).
    public var status: InstanceStatus?
    /// The instance group.
    public var instanceGroupId: String?
    /// `ON_DEMAND` or `SPOT`.
    public var market: String?
    /// `m5.xlarge`…
    public var instanceType: String?
    enum CodingKeys: String, CodingKey {
        case id = "Id", ec2InstanceId = "Ec2InstanceId", publicDnsName = "PublicDnsName"
        case publicIpAddress = "PublicIpAddress", privateDnsName = "PrivateDnsName"
        case privateIpAddress = "PrivateIpAddress", status = "Status", instanceGroupId = "InstanceGroupId"
        case market = "Market", instanceType = "InstanceType"
    }
}

/// An instance's status.
public struct InstanceStatus: Codable, Sendable, Equatable {
    /// The state.
    public var state: String?
    enum CodingKeys: String, CodingKey { case state = "State" }
}
