extension YARNApp {
    /// Decodes an `AppInfo` object tolerantly: fields of the wrong type are treated as absent.
    /// - Throws: a reason string when the object has no usable `id`.
    init(json o: [String: JSONValue]) throws(AppDecodingProblem) {
        guard let id = o["id"]?.string, !id.isEmpty else {
            throw AppDecodingProblem(reason: o["id"].map { "field 'id' is a \($0.typeName), expected a string" }
                                        ?? "application object has no 'id'")
        }
        self.init(id: id, state: o["state"]?.string.map(YARNAppState.init(rawValue:)) ?? .other(""))
        user = o["user"]?.string
        name = o["name"]?.string
        queue = o["queue"]?.string
        finalStatus = o["finalStatus"]?.string.map(YARNFinalStatus.init(rawValue:))
        progress = o["progress"]?.double
        trackingUI = o["trackingUI"]?.string
        trackingUrl = o["trackingUrl"]?.string
        diagnostics = o["diagnostics"]?.string
        clusterId = o["clusterId"]?.int64
        rmClusterId = o["rmClusterId"]?.string
        applicationType = o["applicationType"]?.string
        applicationTags = o["applicationTags"].map(Self.tags(from:)) ?? []
        priority = o["priority"]?.int64.map { Int(truncatingIfNeeded: $0) }
        startedTimeMillis = o["startedTime"]?.int64
        launchTimeMillis = o["launchTime"]?.int64
        finishedTimeMillis = o["finishedTime"]?.int64
        elapsedTimeMillis = o["elapsedTime"]?.int64
        amContainerLogs = o["amContainerLogs"]?.string
        amHostHttpAddress = o["amHostHttpAddress"]?.string
        amRPCAddress = o["amRPCAddress"]?.string
        masterNodeId = o["masterNodeId"]?.string
        allocatedMB = o["allocatedMB"]?.int64
        allocatedVCores = o["allocatedVCores"]?.int64
        reservedMB = o["reservedMB"]?.int64
        reservedVCores = o["reservedVCores"]?.int64
        runningContainers = o["runningContainers"]?.int64.map { Int(truncatingIfNeeded: $0) }
        memorySeconds = o["memorySeconds"]?.int64
        vcoreSeconds = o["vcoreSeconds"]?.int64
        queueUsagePercentage = o["queueUsagePercentage"]?.double
        clusterUsagePercentage = o["clusterUsagePercentage"]?.double
        preemptedResourceMB = o["preemptedResourceMB"]?.int64
        preemptedResourceVCores = o["preemptedResourceVCores"]?.int64
        numNonAMContainerPreempted = o["numNonAMContainerPreempted"]?.int64.map { Int(truncatingIfNeeded: $0) }
        numAMContainerPreempted = o["numAMContainerPreempted"]?.int64.map { Int(truncatingIfNeeded: $0) }
        logAggregationStatus = o["logAggregationStatus"]?.string
        unmanagedApplication = o["unmanagedApplication"]?.bool
        appNodeLabelExpression = o["appNodeLabelExpression"]?.string
        amNodeLabelExpression = o["amNodeLabelExpression"]?.string
    }

    /// Tags arrive as a comma-joined string; tolerate an array of strings too.
    private static func tags(from value: JSONValue) -> [String] {
        switch value {
        case .string(let s): return splitTags(s)
        case .array(let items): return items.compactMap(\.string).flatMap(splitTags)
        default: return []
        }
    }
}

/// Why one application object could not be decoded.
struct AppDecodingProblem: Error {
    var reason: String
}
