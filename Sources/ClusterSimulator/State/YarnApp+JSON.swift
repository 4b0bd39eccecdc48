/// Which optional AppInfo parts a request left out (`deSelects`).
struct AppDeselects: OptionSet, Sendable {
    let rawValue: Int
    static let resourceRequests = AppDeselects(rawValue: 1)
    static let timeouts = AppDeselects(rawValue: 2)
    static let appNodeLabelExpression = AppDeselects(rawValue: 4)
    static let amNodeLabelExpression = AppDeselects(rawValue: 8)
    static let resourceInfo = AppDeselects(rawValue: 16)

    /// Parameter spellings, in Hadoop's enum order.
    static let names: [(String, AppDeselects)] = [
        ("resourceRequests", .resourceRequests), ("timeouts", .timeouts),
        ("appNodeLabelExpression", .appNodeLabelExpression), ("amNodeLabelExpression", .amNodeLabelExpression),
        ("resourceInfo", .resourceInfo),
    ]
}

extension YarnApp {
    /// The host of the AM container (stable per app).
    var amHost: String { "ip-10-0-\(seq % 200)-\(seq % 250 + 3).ec2.internal" }

    /// Encodes the full AppInfo object (Hadoop 3 field set) as seen at `now`.
    func json(now: Double, rmClusterId: String, clusterTimestamp: Int64, deselects: AppDeselects = []) -> [UInt8] {
        var w = JSONWriter(capacity: 1800)
        let state = publicState
        let finished = Self.terminal.contains(state)
        let running = state == "RUNNING"
        let started = Int64(startedTime * 1000)
        let finishedMs = Int64((finishedTime ?? 0) * 1000)
        let elapsed = finished ? finishedMs - started : max(0, Int64(now * 1000) - started)
        let trackingUI = finished ? "History" : (running ? "ApplicationMaster" : "UNASSIGNED")
        let attempt = attempts.last?.number ?? 1
        let container = IDs.amContainer(appId: id, attempt: attempt)
        let hasAM = !attempts.isEmpty
        let seconds = max(0, elapsed / 1000)
        func key(_ k: StaticString) { w.raw(","); w.raw("\""); w.raw(k); w.raw("\":") }
        w.raw("{\"id\":")
        w.writeString(id)
        key("user"); w.writeString(user)
        key("name"); w.writeString(name)
        key("queue"); w.writeString(queue)
        key("state"); w.writeString(state)
        key("finalStatus"); w.writeString(finalStatus)
        key("progress"); w.writeDouble(finished ? 100 : running ? 10 : 0)
        key("trackingUI"); w.writeString(trackingUI)
        if hasAM {
            key("trackingUrl")
            w.writeString(finished ? "http://\(amHost):18080/history/\(id)/1" : "http://ip-10-0-0-1.ec2.internal:20888/proxy/\(id)/")
        }
        key("diagnostics"); w.writeString(diagnostics)
        key("clusterId"); w.write(.int(clusterTimestamp))
        key("applicationType"); w.writeString(applicationType)
        key("applicationTags"); w.writeString(tags.joined(separator: ","))
        key("priority"); w.write(.int(Int64(priority)))
        key("startedTime"); w.write(.int(started))
        key("launchTime"); w.write(.int(launchTime.map { Int64($0 * 1000) } ?? 0))
        key("finishedTime"); w.write(.int(finishedMs))
        key("elapsedTime"); w.write(.int(elapsed))
        if hasAM {
            key("amContainerLogs"); w.writeString("http://\(amHost):8042/node/containerlogs/\(container)/\(user)")
            key("amHostHttpAddress"); w.writeString("\(amHost):8042")
            key("amRPCAddress"); w.writeString("\(amHost):\(35000 + seq % 1000)")
        }
        key("masterNodeId"); w.writeString("\(amHost):8041")
        key("allocatedMB"); w.write(.int(finished ? -1 : running ? Int64(memoryMB) : 0))
        key("allocatedVCores"); w.write(.int(finished ? -1 : running ? Int64(vcores) : 0))
        key("reservedMB"); w.write(.int(0))
        key("reservedVCores"); w.write(.int(0))
        key("runningContainers"); w.write(.int(finished ? -1 : running ? Int64(containers) : 0))
        key("memorySeconds"); w.write(.int(seconds * Int64(memoryMB)))
        key("vcoreSeconds"); w.write(.int(seconds * Int64(vcores)))
        key("queueUsagePercentage"); w.writeDouble(running ? 12.5 : 0)
        key("clusterUsagePercentage"); w.writeDouble(running ? 12.5 : 0)
        key("resourceSecondsMap")
        w.raw("{\"entry\":[{\"key\":\"memory-mb\",\"value\":\"")
        w.raw(Array(String(seconds * Int64(memoryMB)).utf8))
        w.raw("\"},{\"key\":\"vcores\",\"value\":\"")
        w.raw(Array(String(seconds * Int64(vcores)).utf8))
        w.raw("\"}]}")
        key("preemptedResourceMB"); w.raw("0")
        key("preemptedResourceVCores"); w.raw("0")
        key("numNonAMContainerPreempted"); w.raw("0")
        key("numAMContainerPreempted"); w.raw("0")
        key("preemptedMemorySeconds"); w.raw("0")
        key("preemptedVcoreSeconds"); w.raw("0")
        key("preemptedResourceSecondsMap"); w.raw("{}")
        key("logAggregationStatus"); w.writeString(finished ? "SUCCEEDED" : "NOT_START")
        key("unmanagedApplication"); w.raw(unmanaged ? "true" : "false")
        if !deselects.contains(.amNodeLabelExpression) { key("amNodeLabelExpression"); w.raw("\"\"") }
        if !deselects.contains(.appNodeLabelExpression) { key("appNodeLabelExpression"); w.raw("\"\"") }
        if !deselects.contains(.resourceRequests) && !finished {
            key("resourceRequests")
            w.raw("[{\"capability\":{\"memory\":4505,\"vCores\":1,\"resourceInformations\":{\"resourceInformation\":[")
            w.raw("{\"attributes\":{},\"maximumAllocation\":9223372036854775807,\"minimumAllocation\":0,")
            w.raw("\"name\":\"memory-mb\",\"resourceType\":\"COUNTABLE\",\"units\":\"Mi\",\"value\":4505},")
            w.raw("{\"attributes\":{},\"maximumAllocation\":9223372036854775807,\"minimumAllocation\":0,")
            w.raw("\"name\":\"vcores\",\"resourceType\":\"COUNTABLE\",\"units\":\"\",\"value\":1}]}},")
            w.raw("\"nodeLabelExpression\":\"\",\"numContainers\":0,\"priority\":{\"priority\":0},")
            w.raw("\"relaxLocality\":true,\"resourceName\":\"*\",\"executionTypeRequest\":")
            w.raw("{\"enforceExecutionType\":false,\"executionType\":\"GUARANTEED\"}}]")
        }
        if !deselects.contains(.resourceInfo) {
            key("resourceInfo")
            w.raw("{\"resourceUsagesByPartition\":[{\"partitionName\":\"\",\"used\":{\"memory\":")
            w.raw(Array(String(running ? memoryMB : 0).utf8))
            w.raw(",\"vCores\":")
            w.raw(Array(String(running ? vcores : 0).utf8))
            w.raw("},\"reserved\":{\"memory\":0,\"vCores\":0},\"pending\":{\"memory\":0,\"vCores\":0},")
            w.raw("\"amUsed\":{\"memory\":2048,\"vCores\":1},\"amLimit\":{\"memory\":0,\"vCores\":0}}]}")
        }
        if !deselects.contains(.timeouts) {
            key("timeouts")
            w.raw("{\"timeout\":[{\"type\":\"LIFETIME\",\"expiryTime\":\"UNLIMITED\",\"remainingTimeInSeconds\":-1}]}")
        }
        key("rmClusterId"); w.writeString(rmClusterId)
        w.raw("}")
        return w.bytes
    }

    /// The `{"appAttempts":{"appAttempt":[…]}}` entries; `nodeHttpAddress` and `logsLink` name `nodeAddress`
    /// (`host:port` of the simulated NodeManager that serves the AM container's logs).
    func attemptsJSON(nodeAddress: String) -> JSONValue {
        .array(
            attempts.map { a in
                let container = IDs.amContainer(appId: id, attempt: a.number)
                return .object([
                    ("id", .int(Int64(a.number))),
                    ("startTime", .int(Int64(a.started * 1000))),
                    ("finishedTime", .int(Int64((a.finished ?? 0) * 1000))),
                    ("containerId", .string(container)),
                    ("nodeHttpAddress", .string(nodeAddress)),
                    ("nodeId", .string("\(amHost):8041")),
                    ("logsLink", .string("http://\(nodeAddress)/node/containerlogs/\(container)/\(user)")),
                    ("blacklistedNodes", .string("")),
                    ("nodesBlacklistedBySystem", .string("")),
                    ("appAttemptId", .string(IDs.attempt(appId: id, number: a.number))),
                    ("appAttemptState", .string(a.state)),
                ])
            })
    }
}
