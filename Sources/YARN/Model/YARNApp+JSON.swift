extension YARNApp {
    /// Decodes an `AppInfo` object tolerantly: fields of the wrong type are treated as absent.
    /// - Throws: ``AppDecodingProblem`` when the object has no usable `id`.
    init(json o: [String: RMJSONValue]) throws(AppDecodingProblem) {
        self.init(id: "", state: .other(""))
        for (key, value) in o {
            if let field = Field.byName[key] { set(field, value) }
        }
        try checkIdentity(idValue: o["id"])
    }

    /// Throws unless an `id` string was decoded.
    func checkIdentity(idValue: RMJSONValue?) throws(AppDecodingProblem) {
        guard id.isEmpty else { return }
        throw AppDecodingProblem(
            reason: idValue.map { "field 'id' is a \($0.typeName), expected a string" }
                ?? "application object has no 'id'")
    }

    /// The `AppInfo` fields this model reads; anything else is skipped without being built.
    enum Field: String, CaseIterable {
        case id
        case user
        case name
        case queue
        case state
        case finalStatus
        case progress
        case trackingUI
        case trackingUrl
        case diagnostics
        case clusterId
        case rmClusterId
        case applicationType
        case applicationTags
        case priority
        case startedTime
        case launchTime
        case finishedTime
        case elapsedTime
        case amContainerLogs
        case amHostHttpAddress
        case amRPCAddress
        case masterNodeId
        case allocatedMB
        case allocatedVCores
        case reservedMB
        case reservedVCores
        case runningContainers
        case memorySeconds
        case vcoreSeconds
        case queueUsagePercentage
        case clusterUsagePercentage
        case preemptedResourceMB
        case preemptedResourceVCores
        case numNonAMContainerPreempted
        case numAMContainerPreempted
        case logAggregationStatus
        case unmanagedApplication
        case appNodeLabelExpression
        case amNodeLabelExpression

        /// Name → field, one hash lookup per JSON key.
        static let byName: [String: Field] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })

        /// Names bucketed by byte length, for matching raw key bytes without a `String` or a hash.
        private static let byLength: [[(name: [UInt8], field: Field)]] = {
            var table = [[(name: [UInt8], field: Field)]](repeating: [], count: 32)
            for field in allCases {
                let name = Array(field.rawValue.utf8)  // a raw value: "\(field)" would reflect on the enum
                if name.count < table.count { table[name.count].append((name, field)) }
            }
            return table
        }()

        /// The field whose name is exactly `bytes`, or `nil`.
        static func match(_ bytes: UnsafeBufferPointer<UInt8>) -> Field? {
            guard bytes.count < byLength.count else { return nil }
            for candidate in byLength[bytes.count] where candidate.name.withUnsafeBufferPointer({ $0.elementsEqual(bytes) }) {
                return candidate.field
            }
            return nil
        }
    }

    /// Sets one field from its JSON value; a value of the wrong type leaves the field absent.
    /// The single place that maps AppInfo names to properties (used by both decoding paths).
    mutating func set(_ field: Field, _ v: RMJSONValue) {
        switch field {
        case .id: id = v.string ?? ""
        case .user: user = v.string
        case .name: name = v.string
        case .queue: queue = v.string
        case .state: state = v.string.map(YARNAppState.init(rawValue:)) ?? .other("")
        case .finalStatus: finalStatus = v.string.map(YARNFinalStatus.init(rawValue:))
        case .progress: progress = v.double
        case .trackingUI: trackingUI = v.string
        case .trackingUrl: trackingUrl = v.string
        case .diagnostics: diagnostics = v.string
        case .clusterId: clusterId = v.int64
        case .rmClusterId: rmClusterId = v.string
        case .applicationType: applicationType = v.string
        case .applicationTags: applicationTags = Self.tags(from: v)
        case .priority: priority = v.int64.map { Int(truncatingIfNeeded: $0) }
        case .startedTime: startedTimeMillis = v.int64
        case .launchTime: launchTimeMillis = v.int64
        case .finishedTime: finishedTimeMillis = v.int64
        case .elapsedTime: elapsedTimeMillis = v.int64
        case .amContainerLogs: amContainerLogs = v.string
        case .amHostHttpAddress: amHostHttpAddress = v.string
        case .amRPCAddress: amRPCAddress = v.string
        case .masterNodeId: masterNodeId = v.string
        case .allocatedMB: allocatedMB = v.int64
        case .allocatedVCores: allocatedVCores = v.int64
        case .reservedMB: reservedMB = v.int64
        case .reservedVCores: reservedVCores = v.int64
        case .runningContainers: runningContainers = v.int64.map { Int(truncatingIfNeeded: $0) }
        case .memorySeconds: memorySeconds = v.int64
        case .vcoreSeconds: vcoreSeconds = v.int64
        case .queueUsagePercentage: queueUsagePercentage = v.double
        case .clusterUsagePercentage: clusterUsagePercentage = v.double
        case .preemptedResourceMB: preemptedResourceMB = v.int64
        case .preemptedResourceVCores: preemptedResourceVCores = v.int64
        case .numNonAMContainerPreempted: numNonAMContainerPreempted = v.int64.map { Int(truncatingIfNeeded: $0) }
        case .numAMContainerPreempted: numAMContainerPreempted = v.int64.map { Int(truncatingIfNeeded: $0) }
        case .logAggregationStatus: logAggregationStatus = v.string
        case .unmanagedApplication: unmanagedApplication = v.bool
        case .appNodeLabelExpression: appNodeLabelExpression = v.string
        case .amNodeLabelExpression: amNodeLabelExpression = v.string
        }
    }

    /// Tags arrive as a comma-joined string; tolerate an array of strings too.
    private static func tags(from value: RMJSONValue) -> [String] {
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
