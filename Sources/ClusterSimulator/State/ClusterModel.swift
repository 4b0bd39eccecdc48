import Foundation

/// The one coupled state machine behind both APIs: EMR clusters and steps, YARN apps and RMs.
///
/// A plain value advanced lazily: every request first calls ``advance(to:)`` with the clock's
/// `now()`, which replays all transitions due up to that moment in time order. No timers.
struct ClusterModel: Sendable {
    var scenario: Scenario
    /// Epoch ms of the RM start, the middle part of every application id.
    var clusterTimestamp: Int64
    var startedAt: Double
    var clusters: [String: SimCluster] = [:]
    var clusterOrder: [String] = []
    var steps = StepTable()
    /// Step ids per cluster in creation order.
    var stepOrder: [String: [String]] = [:]
    var apps: [String: YarnApp] = [:]
    var appOrder: [String] = []
    /// App ids per name in submission order, so a `?name=` query need not scan every app.
    /// Keyed by Swift's canonical string equality, a superset of the byte equality the filter then applies.
    var appIdsByName: [String: [String]] = [:]
    /// Apps with a scheduled transition.
    var activeApps: Set<String> = []
    var nextClusterSeq = 0
    var nextStepSeq = 0
    var nextAppSeq = 1
    /// Faults that shape lifecycles (app crashes, kill behaviour). Transport faults live in the server layer.
    var faults: [Fault]
    /// Index of the active RM, `nil` when none is active.
    var activeRM: Int? = 0
    /// Ids handed out by `new-application` and not yet submitted, with their sequence numbers.
    var reservedAppIds: [String: Int] = [:]
    /// Bumped on every change; lets the server cache encoded bodies.
    var version = 0
    /// Apps with a checkpoint or a stop marker (``YarnApp/streaming``) that may still write or stop;
    /// ``CoreState/advance(to:)`` materialises their checkpoints.
    var streamingApps: Set<String> = []

    init(scenario: Scenario, now: Double) {
        self.scenario = scenario
        self.startedAt = now
        self.clusterTimestamp = Int64(now * 1000)
        self.faults = scenario.faults
        if scenario.faults.contains(.noActiveRM) { activeRM = nil }
    }

    var delays: Delays { scenario.delays }

    // MARK: Advancing time

    /// What a due transition belongs to; at equal times they fire in this order (clusters, then steps, then apps).
    enum TransitionKind: Int, Comparable, CaseIterable {
        /// A cluster's next state (``SimCluster/nextAt``).
        case cluster
        /// A step starting or ending (``SimStep/startAt``, ``SimStep/endAt``).
        case step
        /// A YARN application's next state (``YarnApp/nextAt``).
        case app

        static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// One due transition: when, of what kind, and whose.
    typealias Transition = (at: Double, kind: TransitionKind, id: String)

    /// Applies every transition due at or before `now`, earliest first.
    mutating func advance(to now: Double) {
        var guardCount = 0
        while guardCount < 1_000_000, let next = nextTransition(upTo: now) {
            guardCount += 1
            fire(next)
        }
    }

    /// The earliest transition due at or before `now` (clusters before steps before apps at equal times).
    func nextTransition(upTo now: Double) -> Transition? {
        var best: Transition?
        func consider(_ t: Double?, _ kind: TransitionKind, _ id: String) {
            guard let t, t <= now else { return }
            if let b = best, !(t < b.at || (t == b.at && kind < b.kind)) { return }
            best = (t, kind, id)
        }
        for (id, c) in clusters { consider(c.nextAt, .cluster, id) }
        for id in steps.live { consider(steps[id].flatMap { $0.startAt ?? $0.endAt }, .step, id) }
        for id in activeApps { consider(apps[id]?.nextAt, .app, id) }
        return best
    }

    /// Applies one transition found by ``nextTransition(upTo:)``.
    mutating func fire(_ transition: Transition) {
        switch transition.kind {
        case .cluster: fireCluster(transition.id, at: transition.at)
        case .step: fireStep(transition.id, at: transition.at)
        case .app: fireApp(transition.id, at: transition.at)
        }
        version += 1
    }

    // MARK: Clusters

    /// Adds a cluster; `ready` makes it WAITING at once, else it walks STARTING → BOOTSTRAPPING → WAITING.
    mutating func addCluster(
        name: String, releaseLabel: String, stepConcurrencyLevel: Int, tags: [ClusterTag],
        keepAlive: Bool, ready: Bool, now: Double, yarnURL: String
    ) -> String {
        let id = IDs.cluster()
        var allTags = tags
        if !allTags.contains(where: { $0.key == yarnURLTagKey }) {
            allTags.append(ClusterTag(key: yarnURLTagKey, value: yarnURL))
        }
        let cluster = SimCluster(
            id: id, name: name, arn: "arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/\(id)",
            releaseLabel: releaseLabel, state: ready ? "WAITING" : "STARTING",
            reasonCode: ready ? nil : nil, reasonMessage: ready ? "Cluster ready to run steps." : nil,
            created: ready ? now - delays.clusterStarting - delays.clusterBootstrapping : now,
            ready: ready ? now : nil, ended: nil, nextAt: ready ? nil : now + delays.clusterStarting,
            stepConcurrencyLevel: stepConcurrencyLevel, tags: allTags, keepAlive: keepAlive, seq: nextClusterSeq)
        nextClusterSeq += 1
        clusters[id] = cluster
        clusterOrder.append(id)
        stepOrder[id] = []
        version += 1
        return id
    }

    mutating func fireCluster(_ id: String, at t: Double) {
        guard var c = clusters[id] else { return }
        c.nextAt = nil
        switch c.state {
        case "STARTING":
            c.state = "BOOTSTRAPPING"
            c.reasonMessage = "Running bootstrap actions"
            c.nextAt = t + delays.clusterBootstrapping
            clusters[id] = c
        case "BOOTSTRAPPING":
            c.state = "WAITING"
            c.ready = t
            c.reasonMessage = "Cluster ready to run steps."
            clusters[id] = c
            scheduleSteps(id, at: t)
            refreshClusterState(id, at: t)
        case "TERMINATING":
            c.state =
                c.reasonCode == "STEP_FAILURE" || c.reasonCode == "INTERNAL_ERROR"
                ? "TERMINATED_WITH_ERRORS" : "TERMINATED"
            if c.reasonCode == "STEP_FAILURE" { c.state = "TERMINATED" }
            c.ended = t
            clusters[id] = c
        default:
            clusters[id] = c
        }
    }

    /// Starts terminating a cluster: PENDING and RUNNING steps end CANCELLED, their apps are killed.
    mutating func terminate(_ id: String, at t: Double, code: String, message: String) {
        guard var c = clusters[id], c.isActive else { return }
        c.state = "TERMINATING"
        c.reasonCode = code
        c.reasonMessage = message
        c.nextAt = t + delays.clusterTerminating
        clusters[id] = c
        for sid in stepOrder[id] ?? [] {
            guard var s = steps[sid], !s.isTerminal else { continue }
            s.state = "CANCELLED"
            s.ended = t
            s.startAt = nil
            s.endAt = nil
            s.reasonMessage = "Cluster terminated."
            steps[sid] = s
            if let appId = s.appId { requestKill(appId, user: "hadoop", message: nil, at: t) }
        }
        version += 1
    }

    /// Recomputes WAITING/RUNNING, and auto-terminates a cluster with nothing left to do.
    mutating func refreshClusterState(_ id: String, at t: Double) {
        guard var c = clusters[id], c.isReady else { return }
        let ids = steps.live(in: id)
        let running = ids.contains { ["RUNNING", "CANCEL_PENDING"].contains(steps[$0]?.state ?? "") }
        let pending = ids.contains { steps[$0]?.state == "PENDING" }
        c.state = running || pending && ids.contains(where: { steps[$0]?.startAt != nil }) ? "RUNNING" : "WAITING"
        c.reasonMessage = c.state == "RUNNING" ? "Running step" : "Cluster ready after last step completed."
        clusters[id] = c
        if !c.keepAlive && !running && !pending {
            terminate(id, at: t, code: "ALL_STEPS_COMPLETED", message: "Steps completed")
        }
    }

    // MARK: Steps

    /// Gives PENDING steps a start time while the cluster has free step slots.
    mutating func scheduleSteps(_ clusterId: String, at t: Double) {
        guard let c = clusters[clusterId], c.isReady else { return }
        let ids = stepOrder[clusterId] ?? []
        var busy = ids.filter {
            guard let s = steps[$0] else { return false }
            return s.state == "RUNNING" || s.state == "CANCEL_PENDING" && s.started != nil
                || s.state == "PENDING" && s.startAt != nil
        }.count
        for sid in ids where busy < c.stepConcurrencyLevel {
            guard var s = steps[sid], s.state == "PENDING", s.startAt == nil else { continue }
            s.startAt = t + delays.stepStart
            steps[sid] = s
            busy += 1
        }
    }

    /// Adds a step (PENDING) through the path AddJobFlowSteps uses.
    mutating func addStep(
        clusterId: String, name: String, actionOnFailure: String, jar: String, mainClass: String?,
        args: [String], properties: [(String, String)], executionRoleArn: String?,
        at t: Double
    ) -> String {
        let id = IDs.step()
        let step = SimStep(
            id: id, clusterId: clusterId, name: name, actionOnFailure: actionOnFailure, jar: jar,
            mainClass: mainClass, args: args, properties: properties, executionRoleArn: executionRoleArn,
            state: "PENDING", created: t, spark: SparkSubmit.parse(jar: jar, args: args), seq: nextStepSeq)
        nextStepSeq += 1
        steps[id] = step
        stepOrder[clusterId, default: []].append(id)
        scheduleSteps(clusterId, at: t)
        refreshClusterState(clusterId, at: t)
        version += 1
        return id
    }

    mutating func fireStep(_ id: String, at t: Double) {
        guard var s = steps[id] else { return }
        if s.state == "PENDING", s.startAt != nil {
            s.startAt = nil
            s.state = "RUNNING"
            s.started = t
            if let spark = s.spark {
                let appId = submitApp(
                    name: spark.name, user: "hadoop", queue: spark.queue, type: "SPARK",
                    tags: spark.tags, at: t, stepId: id, clusterId: s.clusterId)
                s.appId = appId
            } else {
                s.endAt = t + delays.plainStepRun
                s.endState = "COMPLETED"
            }
            steps[id] = s
            refreshClusterState(s.clusterId, at: t)
            return
        }
        guard s.endAt != nil else { return }
        finishStep(id, state: s.endState ?? "COMPLETED", at: t, reason: nil)
    }

    /// Ends a step; applies ActionOnFailure on FAILED and lets the next PENDING step start.
    mutating func finishStep(_ id: String, state: String, at t: Double, reason: String?) {
        guard var s = steps[id], !s.isTerminal else { return }
        s.state = state
        s.ended = t
        s.startAt = nil
        s.endAt = nil
        s.endState = nil
        if state == "FAILED" {
            s.failureReason = "Unknown Error."
            s.failureMessage = reason ?? "Step failed"
            s.reasonMessage = reason
        }
        steps[id] = s
        let clusterId = s.clusterId
        if state == "FAILED" {
            switch s.actionOnFailure {
            case "TERMINATE_CLUSTER", "TERMINATE_JOB_FLOW":
                terminate(clusterId, at: t, code: "STEP_FAILURE", message: "Shut down as step failed")
                return
            case "CANCEL_AND_WAIT":
                for sid in stepOrder[clusterId] ?? [] where steps[sid]?.state == "PENDING" {
                    steps[sid]?.state = "CANCELLED"
                    steps[sid]?.ended = t
                    steps[sid]?.startAt = nil
                }
            default: break
            }
        }
        scheduleSteps(clusterId, at: t)
        refreshClusterState(clusterId, at: t)
    }

    /// What CancelSteps answers for one step.
    enum CancelOutcome: Equatable {
        case submitted
        case failed(String)
    }

    /// Cancels one step (PENDING; RUNNING too on EMR ≥ 5.28.0).
    mutating func cancelStep(_ id: String, option: String, at t: Double) -> CancelOutcome {
        guard var s = steps[id], let c = clusters[s.clusterId] else {
            return .failed("Step id '\(id)' is not valid.")
        }
        switch s.state {
        case "PENDING":
            s.state = "CANCEL_PENDING"
            s.startAt = nil
            s.endAt = t + delays.stepCancel
            s.endState = "CANCELLED"
            steps[id] = s
            version += 1
            return .submitted
        case "RUNNING":
            guard ReleaseLabel(c.releaseLabel) >= ReleaseLabel("emr-5.28.0") else {
                return .failed(
                    "Cancelling a RUNNING step requires Amazon EMR release 5.28.0 or later; "
                        + "cluster \(c.id) runs \(c.releaseLabel).")
            }
            s.state = "CANCEL_PENDING"
            s.endAt = t + delays.stepCancel
            s.endState = "CANCELLED"
            steps[id] = s
            if let appId = s.appId {
                let survives =
                    faults.contains(.driverSurvivesCancel)
                    || option == "SEND_INTERRUPT" && faults.contains(.driverSurvivesInterrupt)
                if !survives { requestKill(appId, user: "hadoop", message: nil, at: t) }
            }
            version += 1
            return .submitted
        case "CANCEL_PENDING":
            return .submitted
        default:
            return .failed("Step \(id) is in \(s.state) state and cannot be cancelled.")
        }
    }
}

/// The cluster tag whose value is the comma-separated list of the cluster's YARN RM base URLs.
public let yarnURLTagKey = "sparkdeploy:yarn-url"
