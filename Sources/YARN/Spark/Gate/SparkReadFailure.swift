/// How the progress gate treats a Spark REST error: worth another poll, or the end of the gate.
enum SparkReadFailure {
    /// Whether another poll may get an answer: the proxy or the driver is not up yet (404 right after
    /// RUNNING, 5xx, connection errors, every RM standby for a moment).
    static func isTransient(_ error: SparkRESTError) -> Bool {
        [.notFound, .unavailable, .transport, .standbyNoActive].contains(error.code)
    }

    /// The gate's error for a Spark REST failure that polling again will not cure (403, an HTML page
    /// where JSON belongs: typically a job without a UI).
    static func fatal(_ error: SparkRESTError, applicationId: String, operation: String) -> YARNError {
        YARNError(
            .noProgress, operation: operation,
            message: "cannot read the progress of \(applicationId) from its Spark UI: \(error); "
                + "a job without a UI (spark.ui.enabled=false) needs the gate off (progress=false)",
            applicationId: applicationId)
    }
}
