import Logging

extension RMClient {
    /// `POST /ws/v1/cluster/apps/new-application`: reserves an application id.
    /// - Throws: ``YARNError`` (`forbidden` when REST submission is disabled).
    public func newApplication() async throws(YARNError) -> NewApplication {
        // Reserving an id has no visible effect, so it may be retried like a read.
        let (response, context) = try await execute(
            RMRequest(
                operation: "newApplication", method: "POST", path: "/ws/v1/cluster/apps/new-application",
                retriable: true))
        return try ResponseDecoding.newApplication(response, context)
    }

    /// Reserves an id and submits `submission`; returns the application id.
    ///
    /// Submit is not idempotent: after an ambiguous failure (connection lost after sending, 5xx)
    /// the client first checks whether the application now exists, and re-sends only if it does not.
    /// - Throws: ``YARNError`` (`badRequest` for a rejected context, `forbidden`…).
    public func submit(_ submission: SubmissionContext) async throws(YARNError) -> String {
        let reserved = try await newApplication()
        try await submit(submission, applicationId: reserved.applicationId)
        return reserved.applicationId
    }

    /// Submits `submission` under an id from ``newApplication()``.
    /// - Throws: ``YARNError``.
    public func submit(_ submission: SubmissionContext, applicationId: String) async throws(YARNError) {
        try ApplicationID.check(applicationId, operation: "submit")
        let body = JSONBody.encode(submission.json(applicationId: applicationId))
        let request = RMRequest(
            operation: "submit", method: "POST", path: "/ws/v1/cluster/apps", body: body,
            retriable: false, accepted: [202, 200], applicationId: applicationId)
        var attempt = 1
        while true {
            do {
                _ = try await execute(request)
                logger.debug("yarn app submitted", metadata: ["yarn.app_id": "\(applicationId)", "yarn.attempt": "\(attempt)"])
                return
            } catch {
                let ambiguous = error.mayHaveTakenEffect || (error.status.map { $0 >= 500 } ?? false)
                guard ambiguous || error.code == .unavailable, attempt < connection.retry.maxAttempts else { throw error }
                logger.debug(
                    "yarn submit ambiguous, checking",
                    metadata: [
                        "yarn.app_id": "\(applicationId)", "yarn.error": "\(error.code)",
                    ])
                do { try await clock.sleep(seconds: connection.retry.backoff.delay(afterAttempt: attempt)) } catch {
                    throw YARNError(.cancelled, operation: "submit", message: "cancelled", applicationId: applicationId)
                }
                do {
                    _ = try await app(id: applicationId)
                    logger.debug("yarn submit had taken effect", metadata: ["yarn.app_id": "\(applicationId)"])
                    return
                } catch let check where check.code == .notFound {
                    attempt += 1
                    continue
                } catch {
                    throw error
                }
            }
        }
    }
}
