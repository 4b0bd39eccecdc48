import Foundation

/// One application as `GET /ws/v1/cluster/apps[/{id}]` describes it (Hadoop's `AppInfo`).
///
/// Every field but ``id`` is optional: the RM omits fields by version, by access rights
/// (without VIEW_APP, times and AM fields are 0 or absent) and by `deSelects`.
public struct YARNApp: Sendable, Equatable {
    /// `application_<clusterTimestamp>_<sequence>`.
    public var id: String
    /// The submitting user.
    public var user: String?
    /// The application name (`spark.app.name`).
    public var name: String?
    /// The queue.
    public var queue: String?
    /// The public state; ``YARNAppState/other(_:)`` if absent or unknown.
    public var state: YARNAppState
    /// The final status.
    public var finalStatus: YARNFinalStatus?
    /// Progress, 0–100.
    public var progress: Double?
    /// `UNASSIGNED`, `ApplicationMaster` or `History`.
    public var trackingUI: String?
    /// The tracking URL, once the AM is up.
    public var trackingUrl: String?
    /// Diagnostics (why it failed or was killed).
    public var diagnostics: String?
    /// The RM's cluster id (the RM start timestamp).
    public var clusterId: Int64?
    /// The RM cluster id in HA setups.
    public var rmClusterId: String?
    /// `SPARK`, `MAPREDUCE`…
    public var applicationType: String?
    /// Tags, split from the RM's comma-joined string (the RM stores them lower-cased).
    public var applicationTags: [String]
    /// Priority.
    public var priority: Int?
    /// Start time, ms since the epoch.
    public var startedTimeMillis: Int64?
    /// AM launch time, ms since the epoch.
    public var launchTimeMillis: Int64?
    /// Finish time, ms since the epoch (0 while running).
    public var finishedTimeMillis: Int64?
    /// Elapsed time in ms.
    public var elapsedTimeMillis: Int64?
    /// AM container logs URL.
    public var amContainerLogs: String?
    /// AM host HTTP address.
    public var amHostHttpAddress: String?
    /// AM RPC address.
    public var amRPCAddress: String?
    /// The AM's node id.
    public var masterNodeId: String?
    /// Allocated memory in MB (-1 once finished).
    public var allocatedMB: Int64?
    /// Allocated vcores (-1 once finished).
    public var allocatedVCores: Int64?
    /// Reserved memory in MB.
    public var reservedMB: Int64?
    /// Reserved vcores.
    public var reservedVCores: Int64?
    /// Running containers (-1 once finished).
    public var runningContainers: Int?
    /// Aggregated memory-seconds.
    public var memorySeconds: Int64?
    /// Aggregated vcore-seconds.
    public var vcoreSeconds: Int64?
    /// Queue usage percentage.
    public var queueUsagePercentage: Double?
    /// Cluster usage percentage.
    public var clusterUsagePercentage: Double?
    /// Preempted memory in MB.
    public var preemptedResourceMB: Int64?
    /// Preempted vcores.
    public var preemptedResourceVCores: Int64?
    /// Non-AM containers preempted.
    public var numNonAMContainerPreempted: Int?
    /// AM containers preempted.
    public var numAMContainerPreempted: Int?
    /// Log aggregation status.
    public var logAggregationStatus: String?
    /// Whether the AM is unmanaged.
    public var unmanagedApplication: Bool?
    /// The application's node label expression.
    public var appNodeLabelExpression: String?
    /// The AM's node label expression.
    public var amNodeLabelExpression: String?

    /// Creates an application value (tests, simulators); every field but `id` and `state` defaults to absent.
    public init(
        id: String, state: YARNAppState, name: String? = nil, user: String? = nil, queue: String? = nil,
        finalStatus: YARNFinalStatus? = nil, applicationType: String? = nil, applicationTags: [String] = [],
        startedTimeMillis: Int64? = nil, finishedTimeMillis: Int64? = nil, diagnostics: String? = nil
    ) {
        self.id = id
        self.state = state
        self.name = name
        self.user = user
        self.queue = queue
        self.finalStatus = finalStatus
        self.applicationType = applicationType
        self.applicationTags = applicationTags
        self.startedTimeMillis = startedTimeMillis
        self.finishedTimeMillis = finishedTimeMillis
        self.diagnostics = diagnostics
    }

    /// Start time in seconds since the epoch (`nil` when absent or 0).
    public var startedTime: Double? { Self.seconds(startedTimeMillis) }
    /// AM launch time in seconds since the epoch.
    public var launchTime: Double? { Self.seconds(launchTimeMillis) }
    /// Finish time in seconds since the epoch (`nil` while running: the RM reports 0).
    public var finishedTime: Double? { Self.seconds(finishedTimeMillis) }
    /// Elapsed time in seconds.
    public var elapsedTime: Double? { elapsedTimeMillis.map { Double($0) / 1000 } }

    private static func seconds(_ millis: Int64?) -> Double? {
        guard let millis, millis > 0 else { return nil }
        return Double(millis) / 1000
    }

    /// Splits the RM's comma-joined tag string: trimmed, empty entries dropped.
    public static func splitTags(_ text: String) -> [String] {
        text.split(separator: ",").compactMap { part in
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : trimmed
        }
    }
}
