import AWSCore
import Logging
import SparkDeployCore

/// A non-idempotent call failed ambiguously and what it may have created could not be pinned down.
public struct EMRAmbiguousResultError: Error, Sendable, CustomStringConvertible {
    /// The operation.
    public var operation: String
    /// What was found.
    public var reason: String
    /// `EMR AddJobFlowSteps: outcome unknown: …`.
    public var description: String { "EMR \(operation): outcome unknown: \(Redactor.shared.redact(reason))" }
}

extension EMRClient {
    /// Sends a non-idempotent call; after an ambiguous failure, looks for its effect with `findExisting`
    /// and returns that instead of sending again. Re-sends (after a backoff) only when nothing was created,
    /// up to the configured attempts.
    func submitOnce<Result: Sendable>(operation: String, logger: Logger,
                                      send: @Sendable () async throws -> Result,
                                      findExisting: @Sendable () async throws -> Result?) async throws -> Result {
        let attempts = json.configuration.retry.maxAttempts
        let backoff = json.configuration.retry.backoff
        var attempt = 1
        while true {
            do {
                return try await send()
            } catch {
                guard Self.isAmbiguous(error) else { throw error }
                logger.info("ambiguous failure; checking whether the call took effect", metadata: [
                    "aws.operation": "\(operation)", "aws.attempt": "\(attempt)",
                    "error": "\(Redactor.shared.redact(String(describing: error)))",
                ])
                if let existing = try await findExisting() {
                    logger.info("the failed call took effect; not sending it again",
                                metadata: ["aws.operation": "\(operation)"])
                    return existing
                }
                guard attempt < attempts else { throw error }
                try await clock.sleep(seconds: backoff.delay(afterAttempt: attempt))
                attempt += 1
            }
        }
    }
}
