import Foundation

extension ClusterModel {
    /// Submits a YARN app (NEW_SAVING now), applying the app faults that match its name.
    /// `submission` and `arguments` describe a Spark app that no EMR step started (a Livy batch): its
    /// spark-submit settings and the command line a fault's `build` is looked for in; by default both
    /// come from the step.
    mutating func submitApp(
        name: String, user: String, queue: String, type: String, tags: [String], at t: Double,
        stepId: String?, clusterId: String?, reservedSeq: Int? = nil,
        submission: SparkSubmit? = nil, arguments: String? = nil
    ) -> String {
        let seq: Int
        if let reservedSeq {
            seq = reservedSeq
        } else {
            seq = nextAppSeq
            nextAppSeq += 1
        }
        let id = IDs.app(clusterTimestamp: clusterTimestamp, seq: seq)
        var app = YarnApp(
            id: id, seq: seq, name: name, user: user, queue: queue, applicationType: type,
            tags: tags.map { $0.lowercased() }, internalState: "NEW_SAVING", visibleState: "NEW_SAVING",
            startedTime: t, nextAt: t + delays.appSubmitted, stepId: stepId, clusterId: clusterId,
            runSeconds: scenario.sparkAppRunSeconds)
        let spark = submission ?? stepId.flatMap { steps[$0]?.spark }
        let arguments = arguments ?? stepId.flatMap { steps[$0]?.args }?.joined(separator: " ") ?? ""
        app.mainClass = spark?.mainClass
        func matches(_ appName: String?, _ build: String?) -> Bool {
            (appName == nil || appName.map { Array($0.utf8) } == Array(name.utf8)) && (build == nil || arguments.contains(build ?? ""))
        }
        for fault in faults {
            switch fault {
            case let .appCrashLoop(appName, build, after, attempts) where matches(appName, build):
                app.crashAfter = after
                app.maxAttempts = max(1, attempts)
            case let .appFailsToStart(appName, build) where matches(appName, build):
                app.failToStart = true
            case let .sparkBehaviour(appName, build, behaviour) where matches(appName, build):
                app.sparkBehaviour = behaviour
            case let .markerIgnored(appName, build) where matches(appName, build):
                app.ignoresStopMarker = true
            case let .checkpointIncompatible(appName, build) where matches(appName, build):
                app.checkpointIncompatible = true
                // Its query fails before the first batch: the driver completes no job.
                app.sparkBehaviour = .stalled
            case .killEndsFinished:
                app.killEndsFinished = true
            default: break
            }
        }
        if let spark, app.applicationType == "SPARK" {
            app.streaming = StreamingCheckpoint(checkpoint: spark.checkpointLocation, stopMarker: spark.stopMarker)
        }
        if app.streaming != nil && !app.checkpointIncompatible { streamingApps.insert(id) }
        apps[id] = app
        appOrder.append(id)
        appIdsByName[app.name, default: []].append(id)
        activeApps.insert(id)
        version += 1
        return id
    }

    mutating func fireApp(_ id: String, at t: Double) {
        guard var app = apps[id] else { activeApps.remove(id); return }
        app.nextAt = nil
        switch app.internalState {
        case "NEW_SAVING":
            app.internalState = "SUBMITTED"
            app.nextAt = t + delays.appAccepted
        case "SUBMITTED":
            app.internalState = "ACCEPTED"
            app.attempts.append(SimAttempt(number: app.attempts.count + 1, started: t, state: "LAUNCHED"))
            app.nextAt = t + delays.appRunning
        case "ACCEPTED":
            if app.failToStart {
                apps[id] = app
                endApp(
                    id, state: "FAILED", finalStatus: "FAILED", at: t,
                    diagnostics: app.amFailedDiagnostics(times: 1, exitCode: 13))
                return
            }
            app.internalState = "RUNNING"
            app.launchTime = app.launchTime ?? t
            if let i = app.attempts.indices.last {
                app.attempts[i].state = "RUNNING"
                app.attempts[i].runningSince = t
            }
            if app.checkpointIncompatible {
                app.nextAt = t + Self.checkpointIncompatibleSeconds
            } else if let crash = app.crashAfter {
                app.nextAt = t + crash
            } else if let run = app.runSeconds {
                app.nextAt = t + run
            }
        case "RUNNING":
            if let stop = app.stopMarkerFinishesAt, stop <= t {
                // The query saw its stop marker after a batch committed and stopped: a clean exit.
                apps[id] = app
                endApp(id, state: "FINISHED", finalStatus: "SUCCEEDED", at: t, diagnostics: "")
                return
            }
            if app.checkpointIncompatible {
                apps[id] = app
                endApp(
                    id, state: "FAILED", finalStatus: "FAILED", at: t,
                    diagnostics: app.amFailedDiagnostics(times: 1, exitCode: 15))
                return
            }
            if app.crashAfter != nil {
                app.stopMarkerFinishesAt = nil
                if let i = app.attempts.indices.last {
                    app.attempts[i].state = "FAILED"
                    app.attempts[i].finished = t
                }
                if app.attempts.count < app.maxAttempts {
                    app.internalState = "ACCEPTED"
                    app.diagnostics =
                        "AM Container for \(IDs.amContainer(appId: id, attempt: app.attempts.count)) exited with exitCode: 1. Failing this attempt."
                    app.attempts.append(SimAttempt(number: app.attempts.count + 1, started: t, state: "LAUNCHED"))
                    app.nextAt = t + delays.appRunning
                } else {
                    apps[id] = app
                    endApp(
                        id, state: "FAILED", finalStatus: "FAILED", at: t,
                        diagnostics: app.amFailedDiagnostics(times: app.maxAttempts, exitCode: 1))
                    return
                }
            } else {
                apps[id] = app
                endApp(id, state: "FINISHED", finalStatus: "SUCCEEDED", at: t, diagnostics: "")
                return
            }
        case "KILLING":
            app.internalState = "FINAL_SAVING"
            app.nextAt = app.killEndAt ?? t
        case "FINAL_SAVING":
            apps[id] = app
            if app.killEndsFinished {
                endApp(id, state: "FINISHED", finalStatus: "SUCCEEDED", at: t, diagnostics: app.diagnostics)
            } else {
                endApp(id, state: "KILLED", finalStatus: "KILLED", at: t, diagnostics: app.diagnostics)
            }
            return
        default:
            break
        }
        apps[id] = app
        if app.nextAt == nil { activeApps.remove(id) }
    }

    /// Virtual seconds a build whose checkpoint is incompatible (``Fault/checkpointIncompatible(appName:build:)``)
    /// stays RUNNING before its query fails.
    static let checkpointIncompatibleSeconds: Double = 5

    /// Puts an app in a terminal state and tells its step.
    mutating func endApp(_ id: String, state: String, finalStatus: String, at t: Double, diagnostics: String) {
        guard var app = apps[id] else { return }
        app.internalState = state
        app.visibleState = state
        app.finalStatus = finalStatus
        app.finishedTime = t
        app.nextAt = nil
        app.diagnostics = diagnostics
        if let i = app.attempts.indices.last, app.attempts[i].finished == nil {
            app.attempts[i].finished = t
            app.attempts[i].state = state
        }
        apps[id] = app
        activeApps.remove(id)
        version += 1
        if let stepId = app.stepId, let step = steps[stepId], !step.isTerminal, step.state != "CANCEL_PENDING" {
            if state == "FINISHED" && finalStatus == "SUCCEEDED" {
                finishStep(stepId, state: "COMPLETED", at: t, reason: nil)
            } else {
                // EMR quotes the exception the step's stderr ends with: the driver's own when its log has one.
                let cause = app.attempts.last.flatMap {
                    ContainerLogs.exceptionLine(app: app, attempt: $0, batchSeconds: scenario.sparkBatchSeconds)
                }
                finishStep(
                    stepId, state: "FAILED", at: t,
                    reason: cause
                        ?? "Exception in thread \"main\" org.apache.spark.SparkException: Application \(id) "
                        + "finished with failed status")
            }
        }
        evictCompletedApps()
    }

    /// What a kill request found.
    enum KillOutcome: Equatable {
        /// The app is already terminal; its state.
        case done(String)
        /// The kill is under way; the internal state now.
        case inProgress(String)
        /// No such app.
        case notFound
    }

    /// Starts (or continues) killing an app.
    @discardableResult
    mutating func requestKill(
        _ id: String, user: String, message: String?, at t: Double,
        remoteAddress: String? = nil
    ) -> KillOutcome {
        guard var app = apps[id] else { return .notFound }
        if app.isTerminal { return .done(app.internalState) }
        if app.killEndAt != nil { return .inProgress(app.internalState) }
        var lingers: Double?
        for case let .killLingers(seconds) in faults { lingers = seconds }
        let duration = lingers ?? delays.kill
        app.visibleState = app.internalState
        app.internalState = "KILLING"
        app.killEndAt = t + duration
        app.nextAt = t + max(0, duration - min(0.5, duration / 4))
        var diagnostics = "Application \(id) was killed by user \(user)"
        if let remoteAddress { diagnostics += " at \(remoteAddress)" }
        if let message, !message.isEmpty, scenario.supportsKillDiagnostics {
            diagnostics += " with diagnostic message: \(message)"
        }
        app.diagnostics = diagnostics
        apps[id] = app
        activeApps.insert(id)
        version += 1
        if duration <= 0 {
            app.nextAt = t
            apps[id] = app
            advance(to: t)
            return apps[id].map { $0.isTerminal ? .done($0.internalState) : .inProgress($0.internalState) } ?? .notFound
        }
        return .inProgress("KILLING")
    }

    /// Forgets the oldest completed apps beyond `maxCompletedApplications`.
    mutating func evictCompletedApps() {
        let limit = max(0, scenario.maxCompletedApplications)
        let completed = appOrder.filter { apps[$0]?.isTerminal == true }
        guard completed.count > limit else { return }
        let victims = completed.sorted {
            (apps[$0]?.finishedTime ?? 0, apps[$0]?.seq ?? 0) < (apps[$1]?.finishedTime ?? 0, apps[$1]?.seq ?? 0)
        }.prefix(completed.count - limit)
        let gone = Set(victims)
        for id in gone { apps.removeValue(forKey: id) }
        appOrder.removeAll { gone.contains($0) }
    }

    /// Reserves an application id (`new-application`).
    mutating func reserveAppId() -> String {
        let seq = nextAppSeq
        nextAppSeq += 1
        let id = IDs.app(clusterTimestamp: clusterTimestamp, seq: seq)
        reservedAppIds[id] = seq
        return id
    }

    /// Moves an unfinished app to another queue.
    mutating func moveApp(_ id: String, to queue: String) {
        apps[id]?.queue = queue
        version += 1
    }

    /// Generates `spec.count` apps at once (a large, busy cluster): the last `spec.running` RUNNING, the rest finished.
    mutating func seedBulkApps(_ spec: BulkApps, now: Double) {
        let total = max(0, spec.count)
        let running = min(max(0, spec.running), total)
        appOrder.reserveCapacity(appOrder.count + total)
        apps.reserveCapacity(apps.count + total)
        for n in 0..<total {
            let seq = nextAppSeq
            nextAppSeq += 1
            let id = IDs.app(clusterTimestamp: clusterTimestamp, seq: seq)
            let start = now - Double(total - n) * 30 - 600
            let isRunning = n >= total - running
            let outcome = n % 10
            let state = isRunning ? "RUNNING" : outcome == 7 ? "FAILED" : outcome == 9 ? "KILLED" : "FINISHED"
            let final = isRunning ? "UNDEFINED" : state == "FINISHED" ? "SUCCEEDED" : state
            var app = YarnApp(
                id: id, seq: seq, name: "\(spec.namePrefix)-\(n)", user: n % 3 == 0 ? "etl" : "hadoop",
                queue: "default", applicationType: n % 4 == 3 ? "MAPREDUCE" : "SPARK",
                tags: ["team-\(n % 7)", "batch"], internalState: state, visibleState: state, finalStatus: final,
                startedTime: start, launchTime: start + 6, finishedTime: isRunning ? nil : start + 20)
            app.attempts = [
                SimAttempt(
                    number: 1, started: start + 1, finished: isRunning ? nil : start + 20,
                    state: state, runningSince: start + 6)
            ]
            if state == "FAILED" { app.diagnostics = "Application \(id) failed 1 times due to AM Container exited" }
            if state == "KILLED" { app.diagnostics = "Application \(id) was killed by user hadoop" }
            apps[id] = app
            appOrder.append(id)
            appIdsByName[app.name, default: []].append(id)
        }
        version += 1
    }
}
