/// `GET /ws/v1/cluster/info`: which RM this is and whether it is the active one.
public struct ClusterInfo: Sendable, Equatable {
    /// Cluster id (RM start timestamp).
    public var id: Int64?
    /// RM start time, ms since the epoch.
    public var startedOn: Int64?
    /// `STARTED`, `STOPPED`…
    public var state: String?
    /// `ACTIVE`, `STANDBY`, `INITIALIZING`, `STOPPED` (absent on RMs without HA).
    public var haState: String?
    /// The RM's Hadoop version, e.g. `3.3.6`.
    public var resourceManagerVersion: String?
    /// The Hadoop version.
    public var hadoopVersion: String?
    /// The RM's HA cluster id, if set.
    public var rmClusterId: String?

    /// Whether this RM serves requests: `haState == ACTIVE`, or no HA state at all (single RM).
    public var isActive: Bool { haState.map { $0.uppercased() == "ACTIVE" } ?? true }

    /// The major and minor version parsed from ``resourceManagerVersion`` (`"3.3.6"` → (3, 3)).
    public var version: (major: Int, minor: Int)? {
        guard let text = resourceManagerVersion ?? hadoopVersion else { return nil }
        let parts = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard parts.count >= 2 else { return nil }
        return (parts[0], parts[1])
    }

}

/// `GET /ws/v1/cluster/metrics`: application and resource counters.
public struct ClusterMetrics: Sendable, Equatable {
    /// Every field of `clusterMetrics` that is an integer, by name (`appsRunning`, `totalMB`…).
    public var values: [String: Int64]

    /// Applications submitted.
    public var appsSubmitted: Int64? { values["appsSubmitted"] }
    /// Applications completed.
    public var appsCompleted: Int64? { values["appsCompleted"] }
    /// Applications pending.
    public var appsPending: Int64? { values["appsPending"] }
    /// Applications running.
    public var appsRunning: Int64? { values["appsRunning"] }
    /// Applications failed.
    public var appsFailed: Int64? { values["appsFailed"] }
    /// Applications killed.
    public var appsKilled: Int64? { values["appsKilled"] }
}

/// One application attempt (`GET /apps/{id}/appattempts`).
public struct AppAttempt: Sendable, Equatable {
    /// The attempt number.
    public var id: Int64?
    /// `appattempt_…`.
    public var appAttemptId: String?
    /// Start time, ms since the epoch.
    public var startTimeMillis: Int64?
    /// Finish time, ms since the epoch.
    public var finishedTimeMillis: Int64?
    /// The AM container id.
    public var containerId: String?
    /// The node's HTTP address.
    public var nodeHttpAddress: String?
    /// The node id.
    public var nodeId: String?
    /// The AM logs link.
    public var logsLink: String?
    /// The attempt state (`RUNNING`, `FAILED`…).
    public var appAttemptState: String?
    /// Why the attempt ended (Hadoop 3's `diagnosticsInfo`), when the RM says.
    public var diagnostics: String?
}

/// `POST /apps/new-application`: a fresh id and the cluster's largest container.
public struct NewApplication: Sendable, Equatable {
    /// The reserved application id.
    public var applicationId: String
    /// Largest container memory, MB.
    public var maximumMemoryMB: Int64?
    /// Largest container vcores.
    public var maximumVCores: Int64?
}
