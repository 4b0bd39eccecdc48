/// EMR output shapes (botocore's `Cluster`, `ClusterSummary`, `Step`, `StepSummary`, `Instance`).
enum EMRShapes {
    /// A `Timeline` object; `skew` is how far EMR's clock runs ahead of the cluster's (``Scenario/emrClockAheadSeconds``).
    static func timeline(_ pairs: [(String, Double?)], skew: Double) -> JSONValue {
        .object(pairs.compactMap { k, v in v.map { (k, .double($0 + skew)) } })
    }

    static func clusterStatus(_ c: SimCluster, skew: Double) -> JSONValue {
        var reason: [(String, JSONValue)] = []
        if let code = c.reasonCode { reason.append(("Code", .string(code))) }
        if let m = c.reasonMessage { reason.append(("Message", .string(m))) }
        return .object([
            ("State", .string(c.state)),
            ("StateChangeReason", .object(reason)),
            (
                "Timeline",
                timeline(
                    [
                        ("CreationDateTime", c.created), ("ReadyDateTime", c.ready),
                        ("EndDateTime", c.ended),
                    ], skew: skew)
            ),
        ])
    }

    static func clusterSummary(_ c: SimCluster, skew: Double) -> JSONValue {
        .object([
            ("Id", .string(c.id)), ("Name", .string(c.name)), ("Status", clusterStatus(c, skew: skew)),
            ("NormalizedInstanceHours", .int(c.ready == nil ? 0 : 24)), ("ClusterArn", .string(c.arn)),
        ])
    }

    static func cluster(_ c: SimCluster, skew: Double) -> JSONValue {
        .object([
            ("Id", .string(c.id)), ("Name", .string(c.name)), ("Status", clusterStatus(c, skew: skew)),
            (
                "Ec2InstanceAttributes",
                .object([
                    ("Ec2KeyName", .string("deploy")), ("Ec2SubnetId", .string("subnet-0a1b2c3d")),
                    ("Ec2AvailabilityZone", .string("us-east-1a")), ("IamInstanceProfile", .string("EMR_EC2_DefaultRole")),
                    ("EmrManagedMasterSecurityGroup", .string("sg-0master")),
                    ("EmrManagedSlaveSecurityGroup", .string("sg-0core")),
                ])
            ),
            ("InstanceCollectionType", .string("INSTANCE_GROUP")),
            ("LogUri", .string(c.logUri ?? "s3n://aws-logs-123456789012-us-east-1/elasticmapreduce/")),
            ("ReleaseLabel", .string(c.releaseLabel)),
            ("AutoTerminate", .bool(!c.keepAlive)), ("TerminationProtected", .bool(false)),
            ("VisibleToAllUsers", .bool(true)),
            (
                "Applications",
                .array(
                    c.applications.map {
                        .object([("Name", .string($0)), ("Version", .string($0 == "Spark" ? "3.4.1" : "3.3.6"))])
                    })
            ),
            ("Tags", .array(c.tags.map { .object([("Key", .string($0.key)), ("Value", .string($0.value))]) })),
            ("ServiceRole", .string(c.serviceRole)),
            ("NormalizedInstanceHours", .int(c.ready == nil ? 0 : 24)),
            ("MasterPublicDnsName", .string("localhost")),
            ("Configurations", .array([])),
            ("ScaleDownBehavior", .string("TERMINATE_AT_TASK_COMPLETION")),
            ("KerberosAttributes", .object([])),
            ("ClusterArn", .string(c.arn)),
            ("StepConcurrencyLevel", .int(Int64(c.stepConcurrencyLevel))),
            ("PlacementGroups", .array([])),
            ("OSReleaseLabel", .string("2.0.20231101.0")),
        ])
    }

    static func step(_ s: SimStep, full: Bool, skew: Double) -> JSONValue {
        var reason: [(String, JSONValue)] = []
        if let m = s.reasonMessage, s.state != "FAILED" { reason.append(("Message", .string(m))) }
        var status: [(String, JSONValue)] = [("State", .string(s.state)), ("StateChangeReason", .object(reason))]
        if s.state == "FAILED" {
            status.append(
                (
                    "FailureDetails",
                    .object([
                        ("Reason", .string(s.failureReason ?? "Unknown Error.")),
                        ("Message", .string(s.failureMessage ?? "")),
                        (
                            "LogFile",
                            .string("s3://aws-logs-123456789012-us-east-1/elasticmapreduce/\(s.clusterId)/steps/\(s.id)/stderr.gz")
                        ),
                    ])
                ))
        }
        status.append(
            (
                "Timeline",
                timeline(
                    [
                        ("CreationDateTime", s.created), ("StartDateTime", s.started),
                        ("EndDateTime", s.ended),
                    ], skew: skew)
            ))
        var config: [(String, JSONValue)] = [
            ("Jar", .string(s.jar)),
            ("Properties", .object(s.properties.map { ($0.0, .string($0.1)) })),
        ]
        if let main = s.mainClass { config.append(("MainClass", .string(main))) }
        config.append(("Args", .array(s.args.map { .string($0) })))
        var members: [(String, JSONValue)] = [
            ("Id", .string(s.id)), ("Name", .string(s.name)), ("Config", .object(config)),
            ("ActionOnFailure", .string(s.actionOnFailure)), ("Status", .object(status)),
        ]
        if full, let role = s.executionRoleArn { members.append(("ExecutionRoleArn", .string(role))) }
        return .object(members)
    }

    static func instances(_ c: SimCluster, skew: Double) -> [JSONValue] {
        let groups = [("MASTER", "m5.xlarge"), ("CORE", "r5.2xlarge"), ("CORE", "r5.2xlarge")]
        return groups.enumerated().map { n, g in
            let ip = "10.0.1.\(10 + n)"
            let state = c.isActive ? (c.ready == nil ? "PROVISIONING" : "RUNNING") : "TERMINATED"
            return .object([
                ("Id", .string("ci-" + String(c.id.dropFirst(2)).prefix(10) + "\(n)")),
                ("Ec2InstanceId", .string("i-0\(String(c.id.dropFirst(2)).lowercased())\(n)")),
                ("PublicDnsName", .string(n == 0 ? "localhost" : "")),
                ("PrivateDnsName", .string("ip-\(ip.replacingOccurrences(of: ".", with: "-")).ec2.internal")),
                ("PrivateIpAddress", .string(ip)),
                (
                    "Status",
                    .object([
                        ("State", .string(state)), ("StateChangeReason", .object([])),
                        (
                            "Timeline",
                            timeline(
                                [
                                    ("CreationDateTime", c.created), ("ReadyDateTime", c.ready),
                                    ("EndDateTime", c.ended),
                                ], skew: skew)
                        ),
                    ])
                ),
                ("InstanceGroupId", .string(n == 0 ? "ig-MASTER\(c.seq)" : "ig-CORE\(c.seq)")),
                ("Market", .string("ON_DEMAND")), ("InstanceType", .string(g.1)),
                ("EbsVolumes", .array([])),
            ])
        }
    }

    static func instanceGroups(_ c: SimCluster, skew: Double) -> [JSONValue] {
        [("MASTER", "m5.xlarge", 1), ("CORE", "r5.2xlarge", 2)].map { role, type, count in
            .object([
                ("Id", .string("ig-\(role)\(c.seq)")), ("Name", .string(role == "MASTER" ? "Master" : "Core")),
                ("Market", .string("ON_DEMAND")), ("InstanceGroupType", .string(role)),
                ("InstanceType", .string(type)), ("RequestedInstanceCount", .int(Int64(count))),
                ("RunningInstanceCount", .int(c.isActive && c.ready != nil ? Int64(count) : 0)),
                (
                    "Status",
                    .object([
                        ("State", .string(c.isActive ? (c.ready == nil ? "PROVISIONING" : "RUNNING") : "ENDED")),
                        ("StateChangeReason", .object([])),
                        (
                            "Timeline",
                            timeline(
                                [
                                    ("CreationDateTime", c.created), ("ReadyDateTime", c.ready),
                                    ("EndDateTime", c.ended),
                                ], skew: skew)
                        ),
                    ])
                ),
                ("Configurations", .array([])), ("EbsBlockDevices", .array([])),
                ("ShrinkPolicy", .object([])),
            ])
        }
    }
}
