import SparkDeployCore

extension YARNError {
    /// The time-out error of a YARN wait: what was awaited, the last state seen and the poll count.
    init(timedOut progress: WaitProgress, operation: String, awaiting: String, applicationId: String?) {
        let seen = progress.lastState ?? "none (no matching application)"
        self.init(
            .timeout, operation: operation,
            message: "gave up after \(progress.timeoutText) s waiting for \(awaiting); last state seen: \(seen)",
            applicationId: applicationId, lastState: progress.lastState ?? "none", polls: progress.polls)
    }
}
