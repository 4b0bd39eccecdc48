import AWSCore
import HTTPTransport
import Logging
import SparkDeployCore

extension EMRClient {
    /// Sends a non-idempotent call; after an ambiguous failure, looks for its effect with `findExisting`
    /// and returns that instead of sending again. Re-sends (after a backoff) only when nothing was created,
    /// up to the configured attempts.
    ///
    /// A 2xx answer that cannot be read (not JSON, missing or inconsistent fields, or a body cut short
    /// after the response head) is not ambiguous: the server accepted the call. Its effect is looked up
    /// the same way (ListSteps and ListClusters may lag behind), and the call is never sent again; when
    /// nothing is found the error is an ``EMRError`` of kind ``EMRError/Kind/outcomeUnknown``.
    func submitOnce<Result: Sendable>(
        operation: String, logger: Logger,
        send: @Sendable () async throws -> Result,
        findExisting: @Sendable () async throws -> Result?
    ) async throws -> Result {
        let attempts = json.configuration.retry.maxAttempts
        let backoff = json.configuration.retry.backoff
        var attempt = 1
        while true {
            do {
                return try await send()
            } catch {
                if let (status, problem) = Self.acceptedButUnreadable(error) {
                    logger.info(
                        "the call was accepted but its answer is unreadable; looking for its effect",
                        metadata: [
                            "aws.operation": "\(operation)", "error": "\(Redactor.shared.redact(problem))",
                        ])
                    if let existing = try await findExisting() { return existing }
                    throw EMRError.outcomeUnknown(
                        operation: operation, endpoint: endpoint,
                        reason: "the call was accepted (HTTP \(status)) but its answer could not be read "
                            + "(\(problem)) and its effect was not found; not sending it again")
                }
                guard Self.isAmbiguous(error) else { throw error }
                logger.info(
                    "ambiguous failure; checking whether the call took effect",
                    metadata: [
                        "aws.operation": "\(operation)", "aws.attempt": "\(attempt)",
                        "error": "\(Redactor.shared.redact(String(describing: error)))",
                    ])
                if let existing = try await findExisting() {
                    logger.info(
                        "the failed call took effect; not sending it again",
                        metadata: ["aws.operation": "\(operation)"])
                    return existing
                }
                guard attempt < attempts else { throw error }
                try await clock.sleep(seconds: backoff.delay(afterAttempt: attempt))
                attempt += 1
            }
        }
    }

    /// The status and problem of an answer that said 2xx but could not be read, or nil.
    static func acceptedButUnreadable(_ error: any Error) -> (status: Int, problem: String)? {
        guard let error = error as? EMRError, let status = error.status, (200..<300).contains(status) else { return nil }
        switch error.kind {
        case .unreadableResponse: return (status, error.message)
        case .transport: return error.transportFailure.map { (status, "\($0.kind.rawValue) after the response head") }
        case .service, .outcomeUnknown: return nil
        }
    }
}
