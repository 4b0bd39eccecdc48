import Logging
import SparkDeployCore

extension LivyClient {
    /// Waits until Livy knows the batch's YARN application id (it is null while spark-submit runs).
    /// - Returns: the application id.
    /// - Throws: ``LivyError`` — `unexpectedState` when the batch ends first (with its log's last lines),
    ///   `timeout` with the last state seen and the poll count.
    public func awaitAppId(batchId: Int, timeout: Double) async throws(LivyError) -> String {
        try await drive(
            operation: "awaitAppId", awaiting: "batch \(batchId) to get its YARN application", batchId: batchId, timeout: timeout
        ) {
            () async throws(LivyError) -> WaitStep<String, LivyError> in
            let batch = try await self.batch(id: batchId)
            if let appId = batch.appId, !appId.isEmpty { return .done(appId) }
            if batch.state.isFinal {
                return .failed(
                    LivyError(
                        .unexpectedState, operation: "awaitAppId",
                        message: "batch \(batchId) ended \(batch.state) before it had a YARN application; log: "
                            + batch.log.suffix(5).joined(separator: " | "),
                        batchId: batchId, lastState: batch.state.rawValue), state: batch.state.rawValue)
            }
            return .pending(state: "\(batch.state) (no application yet)")
        }
    }

    /// Waits until the batch is in one of `states`; fails at once when it reaches another final state.
    /// - Returns: the batch as last seen.
    /// - Throws: ``LivyError`` — `unexpectedState`, `timeout`.
    public func awaitState(batchId: Int, states: Set<LivyBatchState>, timeout: Double) async throws(LivyError) -> LivyBatch {
        let wanted = states.map(\.rawValue).sorted().joined(separator: "|")
        return try await drive(operation: "awaitState", awaiting: "batch \(batchId) to be \(wanted)", batchId: batchId, timeout: timeout) {
            () async throws(LivyError) -> WaitStep<LivyBatch, LivyError> in
            let batch = try await self.batch(id: batchId)
            if states.contains(batch.state) { return .done(batch) }
            if batch.state.isFinal {
                return .failed(
                    LivyError(
                        .unexpectedState, operation: "awaitState",
                        message: "batch \(batchId) ended \(batch.state) while waiting for \(wanted)"
                            + (batch.appId.map { " (app \($0))" } ?? ""),
                        batchId: batchId, lastState: batch.state.rawValue), state: batch.state.rawValue)
            }
            return .pending(state: batch.state.rawValue)
        }
    }

    /// Polls `observe` on the connection's schedule with the shared ``Waiter``; transient errors are retried
    /// as polls that saw nothing.
    func drive<Success: Sendable>(
        operation: String, awaiting: String, batchId: Int, timeout: Double,
        observe: @escaping () async throws(LivyError) -> WaitStep<Success, LivyError>
    ) async throws(LivyError) -> Success {
        let waiter = Waiter(clock: clock, poll: connection.poll, timeout: timeout)
        let logger = self.logger
        return try await waiter.run(
            { (_: WaitProgress) async throws(LivyError) -> WaitStep<Success, LivyError> in
                do throws(LivyError) {
                    return try await observe()
                } catch {
                    guard error.isTransient else { throw error }
                    logger.debug(
                        "livy wait poll failed, retrying", metadata: ["livy.operation": "\(operation)", "livy.error": "\(error.code)"])
                    return .retry
                }
            },
            end: { ending, progress in
                switch ending {
                case .failed(var error):
                    error.polls = progress.polls
                    return error
                case .deadlineExceeded:
                    return LivyError(
                        .timeout, operation: operation, message: progress.timeoutMessage(awaiting: awaiting), batchId: batchId,
                        lastState: progress.lastState ?? "none", polls: progress.polls)
                case .cancelled:
                    return LivyError(
                        .cancelled, operation: operation, message: WaitProgress.cancelledMessage(awaiting: awaiting), batchId: batchId,
                        lastState: progress.lastState, polls: progress.polls)
                }
            })
    }
}
