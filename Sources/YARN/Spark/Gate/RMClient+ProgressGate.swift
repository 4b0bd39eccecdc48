import Foundation
import SparkDeployCore

/// "Healthy, not just RUNNING": waits for a Spark application to complete work, and holds it to a pace.
///
/// Each poll asks the RM for the app's state and the driver (through the RM's web proxy) for its `jobs`:
/// one proxy request per poll. The executors are counted once, when the app has done enough work (and
/// once more to explain a time-out).
extension RMClient {
    /// Waits until application `appId`, RUNNING, has completed at least `minBatches` Spark jobs (a
    /// streaming micro-batch runs at least one), with no failed job and at least one executor able to
    /// run tasks.
    /// - Parameters:
    ///   - appId: the application (RUNNING when called).
    ///   - minBatches: completed jobs required (at least 1).
    ///   - timeout: seconds of the client's clock.
    ///   - spark: the driver client; by default one through this RM's web proxy.
    /// - Returns: the last reading, the executors counted, the pace.
    /// - Throws: ``YARNError`` — `noProgress` when a job fails, when the time runs out (with what was
    ///   done, what runs and how many executors are alive), or when the driver's REST API cannot be
    ///   read; `leftState` when the app stops RUNNING (with its diagnostics).
    public func awaitProgress(
        appId: String, minBatches: Int, timeout: Double, spark: SparkRESTClient? = nil
    ) async throws(YARNError) -> ProgressGateResult {
        let operation = "await_progress"
        let driver = try driverClient(spark, appId: appId, operation: operation)
        let wanted = max(1, minBatches)
        let start = clock.now()
        var tally = JobTally(completed: 0, failed: 0, running: 0)
        var countingExecutors = false
        var firstCompletionAt: Double?
        var targetAt: Double?
        var lastRESTError: SparkRESTError?
        var executors = 0
        var polls = 0
        do throws(YARNError) {
            return try await drive(
                operation: operation, awaiting: "\(appId) to complete \(wanted) Spark jobs", applicationId: appId, timeout: timeout
            ) { () async throws(YARNError) -> WaitStep<ProgressGateResult, YARNError> in
                polls += 1
                let app = try await self.app(id: appId)
                if let left = Self.leftRunning(app, operation: operation, since: start, now: self.clock.now()) {
                    return .failed(left, state: app.state.rawValue)
                }
                do throws(SparkRESTError) {
                    if countingExecutors {
                        executors = try await driver.executors().count(where: \.runsTasks)
                        if executors >= 1 {
                            let interval = Self.pace(from: firstCompletionAt, to: targetAt, batches: wanted)
                            return .done(
                                ProgressGateResult(
                                    tally: tally, activeExecutors: executors, batchInterval: interval,
                                    elapsed: self.clock.now() - start, polls: polls))
                        }
                        return .pending(state: "\(tally.completed) jobs done, no executor")
                    }
                    tally = JobTally(try await driver.jobs())
                } catch  where SparkReadFailure.isTransient(error) {
                    lastRESTError = error
                    return .pending(state: "RUNNING, driver not answering (\(error.code))")
                } catch  where error.code == .cancelled {
                    throw YARNError(.cancelled, operation: operation, message: "cancelled", applicationId: appId)
                } catch {
                    return .failed(SparkReadFailure.fatal(error, applicationId: appId, operation: operation), state: "RUNNING")
                }
                lastRESTError = nil
                let now = self.clock.now()
                if let failure = tally.failureText {
                    return .failed(
                        YARNError(.noProgress, operation: operation, message: failure, applicationId: appId),
                        state: "RUNNING")
                }
                if tally.completed >= 1, firstCompletionAt == nil { firstCompletionAt = now }
                if tally.completed >= wanted {
                    targetAt = now
                    // The executors are counted now, in this poll: a healthy deploy waits no longer.
                    countingExecutors = true
                    executors = (try? await driver.executors().count(where: \.runsTasks)) ?? 0
                    if executors >= 1 {
                        return .done(
                            ProgressGateResult(
                                tally: tally, activeExecutors: executors,
                                batchInterval: Self.pace(from: firstCompletionAt, to: targetAt, batches: wanted),
                                elapsed: now - start, polls: polls))
                    }
                }
                return .pending(state: "RUNNING, \(tally.completed) of \(wanted) jobs done")
            }
        } catch  where error.code == .timeout {
            if !countingExecutors {
                executors = (try? await driver.executors().count(where: \.runsTasks)) ?? 0
            }
            throw YARNError(
                .noProgress, operation: operation,
                message: Self.stallText(
                    appId: appId, tally: tally, wanted: wanted, seconds: timeout, executors: executors,
                    restError: lastRESTError),
                applicationId: appId, lastState: "RUNNING", polls: error.polls)
        }
    }

    /// Requires application `appId` to stay RUNNING for `seconds` while it keeps completing Spark jobs:
    /// the hold ends at the first poll after `seconds` once a job completed since it began; it fails when
    /// the app leaves RUNNING, a job fails, or no job completes for `stallTimeout` seconds.
    /// - Throws: ``YARNError`` — `leftState`, `noProgress`.
    public func holdWithProgress(
        appId: String, seconds: Double, stallTimeout: Double, spark: SparkRESTClient? = nil
    ) async throws(YARNError) -> JobTally {
        let operation = "hold"
        let driver = try driverClient(spark, appId: appId, operation: operation)
        let start = clock.now()
        let stall = max(stallTimeout, 1)
        var baseline: JobTally?
        var last: JobTally?
        var lastGrowthAt = start
        var grown = false
        do throws(YARNError) {
            return try await drive(
                operation: operation, awaiting: "\(appId) to hold RUNNING and progress for \(Int(seconds)) s",
                applicationId: appId, timeout: max(0, seconds) + stall + 30
            ) { () async throws(YARNError) -> WaitStep<JobTally, YARNError> in
                let app = try await self.app(id: appId)
                let now = self.clock.now()
                if let left = Self.leftRunning(app, operation: operation, since: start, now: now) {
                    return .failed(left, state: app.state.rawValue)
                }
                do throws(SparkRESTError) {
                    let tally = JobTally(try await driver.jobs())
                    if let first = baseline {
                        if tally.failed > first.failed, let failure = tally.failureText {
                            return .failed(
                                YARNError(
                                    .noProgress, operation: operation, message: "while holding RUNNING: \(failure)",
                                    applicationId: appId),
                                state: "RUNNING")
                        }
                        if tally.completed > (last ?? first).completed {
                            (grown, lastGrowthAt) = (true, now)
                        }
                    } else {
                        baseline = tally
                    }
                    last = tally
                } catch  where SparkReadFailure.isTransient(error) {
                    // No answer counts as no progress: the stall clock keeps running.
                } catch  where error.code == .cancelled {
                    throw YARNError(.cancelled, operation: operation, message: "cancelled", applicationId: appId)
                } catch {
                    return .failed(SparkReadFailure.fatal(error, applicationId: appId, operation: operation), state: "RUNNING")
                }
                if now - lastGrowthAt > stall {
                    let done = last?.completed ?? 0
                    return .failed(
                        YARNError(
                            .noProgress, operation: operation,
                            message: "\(appId) stayed RUNNING but completed no Spark job for \(Int(now - lastGrowthAt)) s "
                                + "(the pace allows \(Int(stall)) s; \(done) jobs done in all)",
                            applicationId: appId),
                        state: "RUNNING")
                }
                if now - start >= seconds, grown, let last { return .done(last) }
                return .pending(state: grown ? "RUNNING, progressing" : "RUNNING, waiting for the next job")
            }
        } catch  where error.code == .timeout {
            throw YARNError(
                .noProgress, operation: operation,
                message: "\(appId) completed no Spark job while holding RUNNING for \(Int(seconds)) s",
                applicationId: appId, polls: error.polls)
        }
    }

    /// `given`, or a client of `appId`'s driver through this RM's web proxy.
    func driverClient(_ given: SparkRESTClient?, appId: String, operation: String) throws(YARNError) -> SparkRESTClient {
        if let given { return given }
        return try sparkClient(appId: appId, operation: operation)
    }

    /// A client of `appId`'s driver through this RM's web proxy.
    func sparkClient(appId: String, operation: String) throws(YARNError) -> SparkRESTClient {
        do {
            return try SparkRESTClient(rm: self, applicationId: appId)
        } catch {
            throw YARNError(.configuration, operation: operation, message: error.description, applicationId: appId)
        }
    }

    /// The `leftState` error when `app` is not RUNNING any more, with its diagnostics.
    static func leftRunning(_ app: YARNApp, operation: String, since start: Double, now: Double) -> YARNError? {
        guard app.state != .running else { return nil }
        var message = "\(app.id) left RUNNING after ~\(Int(max(0, now - start))) s: now \(app.state)"
        if let status = app.finalStatus, status != .undefined { message += " (finalStatus \(status))" }
        if let diagnostics = app.diagnostics, !diagnostics.isEmpty { message += "; diagnostics: \(diagnostics)" }
        return YARNError(.leftState, operation: operation, message: message, applicationId: app.id, lastState: app.state.rawValue)
    }

    /// Seconds per batch between the first completion and the target, when measurable.
    static func pace(from first: Double?, to target: Double?, batches: Int) -> Double? {
        guard let first, let target, batches > 1, target > first else { return nil }
        return (target - first) / Double(batches - 1)
    }

    /// "application_… completed no Spark job or batch in 60 s while RUNNING (1 job running since …, 2 executors)".
    static func stallText(
        appId: String, tally: JobTally, wanted: Int, seconds: Double, executors: Int, restError: SparkRESTError?
    ) -> String {
        var text =
            tally.completed == 0
            ? "\(appId) completed no Spark job or batch in \(Int(seconds)) s while RUNNING"
            : "\(appId) completed \(tally.completed) of the \(wanted) Spark jobs or batches required in \(Int(seconds)) s"
        var facts: [String] = []
        if tally.running > 0 {
            var running = "\(tally.running) job\(tally.running == 1 ? "" : "s") running"
            if let since = tally.oldestRunningSince { running += " since \(ISO8601DateFormatter().string(from: since))" }
            facts.append(running)
        }
        facts.append(executors == 0 ? "no executor alive" : "\(executors) executor\(executors == 1 ? "" : "s") alive")
        text += " (" + facts.joined(separator: ", ") + ")"
        if let restError {
            text += "; the driver's REST API did not answer: \(restError) (progress=false turns the gate off for jobs without a UI)"
        }
        return text
    }
}
