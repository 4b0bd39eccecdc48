import SparkDeployCore

extension YARNError {
    /// The time-out error of a YARN wait: what was awaited, the last state seen and the poll count.
    init(timedOut progress: WaitProgress, operation: String, awaiting: String, applicationId: String?) {
        self.init(
            .timeout, operation: operation,
            message: progress.timeoutMessage(awaiting: awaiting, noneSeen: "none (no matching application)"),
            applicationId: applicationId, lastState: progress.lastState ?? "none", polls: progress.polls)
    }
}
