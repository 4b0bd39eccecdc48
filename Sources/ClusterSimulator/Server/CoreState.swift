/// Everything the simulator remembers: the coupled model plus transport faults and request counters.
struct CoreState: Sendable {
    var model: ClusterModel
    /// Requests per API ("EMR.ListSteps", "YARN.GET /ws/v1/cluster/apps").
    var counts: [String: Int] = [:]
    /// Requests to any RM so far (drives `rmFailover(afterRequests:)`).
    var yarnRequests = 0
    /// Transport faults still in force (bursts count down and disappear).
    var transportFaults: [Fault] = []
    /// Indexes into the scenario's failover faults that already fired.
    var firedFailovers: Set<Int> = []
    /// Scheduled failovers from the scenario and `apply`.
    var failovers: [Fault] = []
    /// The simulated S3's buckets and objects.
    var s3 = S3Store()
    /// The simulated HDFS (served by WebHDFS on every RM listener).
    var hdfs = HDFSStore()
    /// The simulated Livy server's batches.
    var livy = LivyStore()
    /// Cached encoded body of the last unfiltered apps list: (model version, order seed, bytes).
    var appsListCache: (key: String, version: Int, body: [UInt8])?

    init(model: ClusterModel) {
        self.model = model
        for fault in model.faults { add(fault) }
    }

    /// Registers a fault in the layer that implements it.
    mutating func add(_ fault: Fault) {
        switch fault {
        case .rmFailover:
            failovers.append(fault)
        case .serviceUnavailable, .connectionReset, .slowResponses, .emrThrottling, .s3WriteThenFail,
            .s3ConditionalConflict, .livyCreateThenFail, .livyCreateThenHang:
            transportFaults.append(fault)
        case .noActiveRM:
            model.activeRM = nil
            if !model.faults.contains(fault) { model.faults.append(fault) }
        case .rmUnreachable:
            break
        default:
            if !model.faults.contains(fault) { model.faults.append(fault) }
        }
    }

    /// Counts one request.
    mutating func count(_ api: String) { counts[api, default: 0] += 1 }

    /// Fires scheduled failovers due at `now` (virtual) or after the current number of YARN requests.
    mutating func fireFailovers(now: Double) {
        for (i, fault) in failovers.enumerated() where !firedFailovers.contains(i) {
            guard case let .rmFailover(to, atSecond, afterRequests) = fault else { continue }
            let dueByTime = atSecond.map { now - model.startedAt >= $0 } ?? false
            let dueByCount = afterRequests.map { yarnRequests >= $0 } ?? false
            if dueByTime || dueByCount || (atSecond == nil && afterRequests == nil) {
                firedFailovers.insert(i)
                if to >= 0 && to < model.scenario.resourceManagers { model.activeRM = to }
            }
        }
    }

    /// Consumes one unit of a burst fault for `target`; returns the fault that applies to this request.
    mutating func takeTransportFault(target: FaultTarget, operation: String?) -> Fault? {
        for (i, fault) in transportFaults.enumerated() {
            switch fault {
            case let .serviceUnavailable(t, n) where t == target && n > 0:
                transportFaults[i] = .serviceUnavailable(target: t, count: n - 1)
                return fault
            case let .connectionReset(t, n) where t == target && n > 0:
                transportFaults[i] = .connectionReset(target: t, count: n - 1)
                return fault
            case let .emrThrottling(op, n) where target == .emr && n > 0 && (op == nil || op == operation):
                transportFaults[i] = .emrThrottling(operation: op, count: n - 1)
                return fault
            default: continue
            }
        }
        return nil
    }

    /// Consumes one unit of ``Fault/s3ConditionalConflict(count:)``; true when this conditional write must
    /// answer 409 `ConditionalRequestConflict` without being applied.
    mutating func takeS3ConditionalConflict() -> Bool {
        for (i, fault) in transportFaults.enumerated() {
            guard case let .s3ConditionalConflict(n) = fault, n > 0 else { continue }
            transportFaults[i] = .s3ConditionalConflict(count: n - 1)
            return true
        }
        return false
    }

    /// Consumes one unit of ``Fault/s3WriteThenFail(count:)``; true when this applied write must answer
    /// 500 `InternalError`.
    mutating func takeS3WriteThenFail() -> Bool {
        for (i, fault) in transportFaults.enumerated() {
            guard case let .s3WriteThenFail(n) = fault, n > 0 else { continue }
            transportFaults[i] = .s3WriteThenFail(count: n - 1)
            return true
        }
        return false
    }

    /// Consumes one unit of ``Fault/livyCreateThenFail(count:)`` or ``Fault/livyCreateThenHang(count:seconds:)``:
    /// what must happen to the answer of a `POST /batches` that was applied.
    mutating func takeLivyCreateFault() -> LivyCreateOutcome {
        for (i, fault) in transportFaults.enumerated() {
            switch fault {
            case let .livyCreateThenFail(n) where n > 0:
                transportFaults[i] = .livyCreateThenFail(count: n - 1)
                return .fail
            case let .livyCreateThenHang(n, seconds) where n > 0:
                transportFaults[i] = .livyCreateThenHang(count: n - 1, seconds: seconds)
                return .hang(seconds)
            default: continue
            }
        }
        return .answer
    }

    /// Wall seconds every response from `target` is delayed by.
    func slowness(for target: FaultTarget) -> Double {
        var total = 0.0
        for case let .slowResponses(t, seconds) in transportFaults where t == target { total += seconds }
        return total
    }
}
