import Logging
import SparkDeployCore

extension LivyClient {
    /// `POST /batches`, safe against duplicates: after an ambiguous failure (a 5xx, a time-out or a connection
    /// lost after sending) it lists the batches and returns the newest one named like `request` instead of
    /// sending again; it re-sends (after a backoff) only when there is none — the check-before-retry of EMR's
    /// AddJobFlowSteps. A request without a name cannot be looked up, so it is never re-sent after an
    /// ambiguous failure.
    ///
    /// A 2xx answer that cannot be read is not ambiguous (Livy created the batch): it is looked up the same
    /// way and never sent again; when nothing is found the error is `outcomeUnknown`.
    /// - Returns: the batch as Livy answered (or as the lookup found it).
    /// - Throws: ``LivyError`` (`badRequest` for a refused request, e.g. a duplicate name).
    public func createBatch(_ request: BatchRequest) async throws(LivyError) -> LivyBatch {
        let body: [UInt8]
        do { body = try request.body() } catch {
            throw LivyError(.configuration, operation: "createBatch", message: "cannot encode the batch request: \(error)")
        }
        let post = LivyRequest(operation: "createBatch", method: "POST", path: "/batches", body: body, retriable: false)
        var attempt = 1
        while true {
            let failure: LivyError
            do {
                let response = try await sendOnce(post)
                do {
                    let batch = try decode(LivyWire.Batch.self, response, post).model
                    logger.debug("livy batch created", metadata: ["livy.batch_id": "\(batch.id)", "livy.attempt": "\(attempt)"])
                    return batch
                } catch {
                    return try await lookUpAccepted(request, unreadable: error)
                }
            } catch {
                failure = error
            }
            if failure.code == .transport, !failure.mayHaveTakenEffect, attempt < connection.retry.maxAttempts {
                // Never reached Livy (connection refused): nothing to look for.
                try await backOff(after: attempt)
                attempt += 1
                continue
            }
            guard failure.mayHaveTakenEffect else { throw failure }
            guard let name = request.name else {
                var unknown = failure
                unknown.message += " (the batch has no name, so whether it was created cannot be checked; not sending it again)"
                throw unknown
            }
            logger.info(
                "ambiguous failure; checking whether the batch was created",
                metadata: [
                    "livy.operation": "createBatch", "livy.attempt": "\(attempt)",
                    "error": "\(Redactor.shared.redact(failure.description))",
                ])
            if let existing = try await findBatch(named: name) {
                logger.info("the failed call took effect; not sending it again", metadata: ["livy.batch_id": "\(existing.id)"])
                return existing
            }
            guard attempt < connection.retry.maxAttempts else { throw failure }
            try await backOff(after: attempt)
            attempt += 1
        }
    }

    /// Finds the batch of a creation Livy accepted but whose answer could not be read.
    private func lookUpAccepted(_ request: BatchRequest, unreadable: LivyError) async throws(LivyError) -> LivyBatch {
        logger.info(
            "the batch was created but the answer is unreadable; looking for it",
            metadata: ["error": "\(Redactor.shared.redact(unreadable.description))"])
        if let name = request.name, let existing = try await findBatch(named: name) { return existing }
        var error = unreadable
        error.code = .outcomeUnknown
        error.message += "; the batch was created (HTTP \(unreadable.status ?? 201)) but could not be found by name; not sending it again"
        throw error
    }

    private func backOff(after attempt: Int) async throws(LivyError) {
        do { try await clock.sleep(seconds: connection.retry.backoff.delay(afterAttempt: attempt)) } catch {
            throw LivyError(.cancelled, operation: "createBatch", message: "cancelled while waiting to retry")
        }
    }
}
