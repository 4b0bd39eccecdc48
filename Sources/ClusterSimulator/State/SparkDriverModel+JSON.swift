/// The driver's REST answers in Spark 3.5's shapes (`/api/v1/applications/{appId}/…`).
extension SparkDriverModel {
    private static let epochEnd = "1969-12-31T23:59:59.999GMT"
    private static let sparkVersion = "3.5.0-amzn-1"

    private func time(_ seconds: Double) -> JSONValue { .string(SparkTimeFormat.rest(seconds)) }
    private func int(_ n: Int) -> JSONValue { .int(Int64(n)) }
    private func millis(_ seconds: Double) -> JSONValue { .int(Int64((seconds * 1000).rounded())) }

    /// `GET /applications`: the one application a live driver serves.
    func applicationsJSON() -> JSONValue { .array([applicationJSON()]) }

    /// `GET /applications/{appId}`: the application and its current attempt.
    func applicationJSON() -> JSONValue {
        let started = app.attempts.last?.started ?? app.startedTime
        let attemptInfo: JSONValue = .object([
            ("attemptId", .string(String(attempt))), ("startTime", time(started)), ("endTime", .string(Self.epochEnd)),
            ("lastUpdated", time(started)), ("duration", .int(0)), ("sparkUser", .string(app.user)),
            ("completed", .bool(false)), ("appSparkVersion", .string(Self.sparkVersion)),
            ("startTimeEpoch", millis(started)), ("endTimeEpoch", .int(-1)), ("lastUpdatedEpoch", millis(started)),
        ])
        return .object([("id", .string(app.id)), ("name", .string(app.name)), ("attempts", .array([attemptInfo]))])
    }

    /// `GET …/jobs`, newest first; only jobs whose status (upper-case) is in `statuses` when given.
    func jobsJSON(statuses: Set<String>?) -> JSONValue {
        .array(
            batches.reversed().compactMap { batch in
                let status = batch.ended == nil ? "RUNNING" : batch.failed ? "FAILED" : "SUCCEEDED"
                if let statuses, !statuses.contains(status) { return nil }
                let tasks = taskCounts(batch)
                var fields: [(String, JSONValue)] = [
                    ("jobId", int(batch.number)), ("name", .string(callSite)), ("description", .string(description(of: batch))),
                    ("submissionTime", time(batch.submitted)),
                ]
                if let ended = batch.ended { fields.append(("completionTime", time(ended))) }
                fields += [
                    ("stageIds", .array([int(batch.stageId)])), ("jobGroup", .string(runId)), ("jobTags", .array([])),
                    ("status", .string(status)), ("numTasks", int(Self.tasksPerBatch)), ("numActiveTasks", int(tasks.active)),
                    ("numCompletedTasks", int(tasks.completed)), ("numSkippedTasks", .int(0)),
                    ("numFailedTasks", int(tasks.failed)), ("numKilledTasks", .int(0)),
                    ("numCompletedIndices", int(tasks.completed)), ("numActiveStages", int(batch.ended == nil ? 1 : 0)),
                    ("numCompletedStages", int(batch.ended != nil && !batch.failed ? 1 : 0)), ("numSkippedStages", .int(0)),
                    ("numFailedStages", int(batch.failed ? 1 : 0)), ("killedTasksSummary", .object([])),
                ]
                if batch.failed { fields.append(("failureReason", .string(Self.failureReason(stageId: batch.stageId)))) }
                return .object(fields)
            })
    }

    /// `GET …/stages` (one stage per micro-batch job), newest first, without task details.
    func stagesJSON() -> JSONValue {
        .array(
            batches.reversed().map { batch in
                let tasks = taskCounts(batch)
                let status = batch.ended == nil ? "ACTIVE" : batch.failed ? "FAILED" : "COMPLETE"
                var fields: [(String, JSONValue)] = [
                    ("status", .string(status)), ("stageId", int(batch.stageId)), ("attemptId", .int(0)),
                    ("numTasks", int(Self.tasksPerBatch)), ("numActiveTasks", int(tasks.active)),
                    ("numCompleteTasks", int(tasks.completed)), ("numFailedTasks", int(tasks.failed)),
                    ("numKilledTasks", .int(0)), ("numCompletedIndices", int(tasks.completed)),
                    ("submissionTime", time(batch.submitted)), ("firstTaskLaunchedTime", time(batch.submitted + 0.01)),
                ]
                if let ended = batch.ended { fields.append(("completionTime", time(ended))) }
                if batch.failed { fields.append(("failureReason", .string(Self.failureReason(stageId: batch.stageId)))) }
                fields += [
                    ("name", .string(callSite)), ("description", .string(description(of: batch))),
                    ("schedulingPool", .string("default")), ("rddIds", .array([int(2 * batch.number), int(2 * batch.number + 1)])),
                    ("accumulatorUpdates", .array([])), ("killedTasksSummary", .object([])), ("resourceProfileId", .int(0)),
                    ("isShufflePushEnabled", .bool(false)), ("shuffleMergersCount", .int(0)),
                ]
                return .object(fields)
            })
    }

    /// `GET …/executors`: the active ones, the driver first (cluster mode: no cores).
    func executorsJSON() -> JSONValue {
        let ended = endedBatches
        let added = runningSince + 1
        func executor(
            _ id: String, host: String, port: Int, cores: Int, active: Int, failed: Int, completed: Int
        ) -> JSONValue {
            .object([
                ("id", .string(id)), ("hostPort", .string("\(host):\(port)")), ("isActive", .bool(true)),
                ("rddBlocks", .int(0)), ("memoryUsed", .int(0)), ("diskUsed", .int(0)), ("totalCores", int(cores)),
                ("maxTasks", int(cores)), ("activeTasks", int(active)), ("failedTasks", int(failed)),
                ("completedTasks", int(completed)), ("totalTasks", int(active + failed + completed)),
                ("totalDuration", int(completed * 900)), ("totalGCTime", int(completed * 20)), ("totalInputBytes", .int(0)),
                ("totalShuffleRead", .int(0)), ("totalShuffleWrite", .int(0)), ("isBlacklisted", .bool(false)),
                ("maxMemory", .int(2_101_975_449)), ("addTime", time(added)),
                ("executorLogs", .object([])), ("blacklistedInStages", .array([])), ("attributes", .object([])),
                ("resources", .object([])), ("resourceProfileId", .int(0)), ("isExcluded", .bool(false)),
                ("excludedInStages", .array([])),
            ])
        }
        var list = [executor("driver", host: app.amHost, port: 40401, cores: 0, active: 0, failed: 0, completed: 0)]
        let half = Self.tasksPerBatch / 2
        switch behaviour {
        case .healthy:
            list.append(
                executor("1", host: "ip-10-0-1-41.ec2.internal", port: 37129, cores: 4, active: half, failed: 0, completed: ended * half))
            list.append(
                executor("2", host: "ip-10-0-1-12.ec2.internal", port: 37129, cores: 4, active: half, failed: 0, completed: ended * half))
        case .stalled:
            list.append(executor("1", host: "ip-10-0-1-41.ec2.internal", port: 37129, cores: 4, active: 1, failed: 0, completed: 1))
            list.append(executor("2", host: "ip-10-0-1-12.ec2.internal", port: 37129, cores: 4, active: 0, failed: 0, completed: 2))
        case .failingBatches:
            list.append(
                executor("1", host: "ip-10-0-1-41.ec2.internal", port: 37129, cores: 4, active: half, failed: 0, completed: ended * 2))
            list.append(
                executor("2", host: "ip-10-0-1-12.ec2.internal", port: 37129, cores: 4, active: half, failed: ended * 4, completed: ended))
        case .executorsLost:
            break
        }
        return .array(list)
    }

    /// `GET …/sql`: the retained executions (one per micro-batch) oldest first, `length` of them from `offset`.
    func sqlJSON(offset: Int, length: Int) -> JSONValue {
        let all = batches
        let start = min(max(0, offset), all.count)
        let end = min(all.count, start + max(0, length))
        return .array(
            all[start..<end].map { batch in
                let status = batch.ended == nil ? "RUNNING" : batch.failed ? "FAILED" : "COMPLETED"
                let job = int(batch.number)
                let duration = (batch.ended ?? now) - batch.submitted
                return .object([
                    ("id", job), ("status", .string(status)), ("description", .string(description(of: batch))),
                    ("planDescription", .string("")), ("submissionTime", time(batch.submitted)),
                    ("duration", millis(max(0, duration))), ("runningJobIds", .array(batch.ended == nil ? [job] : [])),
                    ("successJobIds", .array(batch.ended != nil && !batch.failed ? [job] : [])),
                    ("failedJobIds", .array(batch.failed ? [job] : [])), ("nodes", .array([])), ("edges", .array([])),
                    ("rootExecutionId", job),
                ])
            })
    }

    /// Tasks of a micro-batch's job: (active, completed, failed attempts).
    private func taskCounts(_ batch: Batch) -> (active: Int, completed: Int, failed: Int) {
        let all = Self.tasksPerBatch
        if batch.failed { return (0, all - 1, 4) }
        if batch.ended != nil { return (0, all, 0) }
        switch behaviour {
        case .healthy, .failingBatches: return (all, 0, 0)
        case .stalled: return (1, all - 1, 0)
        case .executorsLost: return (0, 0, 0)
        }
    }
}
