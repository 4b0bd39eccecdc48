/// The simulated Livy server's sessions: batches by id in creation order.
struct LivyStore: Sendable {
    /// Batches Livy still knows (deleted and expired ones are gone).
    var batches: [Int: SimLivyBatch] = [:]
    /// Known batch ids in creation order.
    var order: [Int] = []
    /// The next batch id (Livy counts from 0).
    var nextId = 0

    /// The batches in creation order.
    var all: [SimLivyBatch] { order.compactMap { batches[$0] } }

    /// Forgets batch `id` (DELETE, or expiry).
    mutating func remove(_ id: Int) {
        batches.removeValue(forKey: id)
        order.removeAll { $0 == id }
    }
}

/// How the answer to an applied `POST /batches` goes out (fault injection).
enum LivyCreateOutcome: Sendable, Equatable {
    /// Answered as usual (201).
    case answer
    /// Answered 500 although the batch was created (``Fault/livyCreateThenFail(count:)``).
    case fail
    /// Answered after this many wall seconds (``Fault/livyCreateThenHang(count:seconds:)``).
    case hang(Double)
}

extension CoreState {
    /// Creates a batch now; its YARN app follows ``LivySettings/submitSeconds`` later (``startDueLivyApps(upTo:)``).
    /// - Returns: the batch id, or Livy's message when a live session already has the name.
    mutating func createLivyBatch(_ request: LivyBatchRequest, owner: String?, at t: Double) -> Result<Int, LivyRequestError> {
        if let name = request.name, livy.all.contains(where: { $0.request.name == name }) {
            return .failure(LivyRequestError(message: "Duplicate session name: Some(\(name)) for session \(livy.nextId)"))
        }
        let id = livy.nextId
        livy.nextId += 1
        let tag = "livy-batch-\(id)-\(IDs.random(8).lowercased())"
        livy.batches[id] = SimLivyBatch(
            id: id, request: request, owner: owner, createdAt: t,
            submitAt: t + max(0, model.scenario.livy.submitSeconds), appTag: tag)
        livy.order.append(id)
        model.version += 1
        return .success(id)
    }

    /// Submits the YARN apps of batches whose spark-submit reached the RM by `now`, back-dated to that moment.
    mutating func startDueLivyApps(upTo now: Double) {
        for id in livy.order {
            guard let batch = livy.batches[id], batch.appId == nil, batch.submitAt <= now,
                !SimLivyBatch.finalStates.contains(batch.state)
            else { continue }
            let request = batch.request
            let submission = request.submission(livyTag: batch.appTag)
            let appId = model.submitApp(
                name: submission.name, user: request.proxyUser ?? batch.owner ?? "livy", queue: submission.queue,
                type: "SPARK", tags: submission.tags, at: batch.submitAt, stepId: nil, clusterId: nil,
                submission: submission, arguments: request.commandLine)
            livy.batches[id]?.appId = appId
        }
    }

    /// Brings every batch's state up to its app's, and forgets batches finished longer than the retention ago.
    mutating func refreshLivyStates(now: Double) {
        let retain = model.scenario.livy.stateRetainSeconds
        for id in livy.order {
            guard var batch = livy.batches[id] else { continue }
            if let appId = batch.appId, let app = model.apps[appId], !SimLivyBatch.finalStates.contains(batch.state) {
                batch.state = SimLivyBatch.state(yarnState: app.publicState, finalStatus: app.finalStatus)
                if SimLivyBatch.finalStates.contains(batch.state) { batch.endedAt = app.finishedTime ?? now }
            }
            livy.batches[id] = batch
            if let ended = batch.endedAt, now - ended > retain { livy.remove(id) }
        }
    }

    /// Ends batch `id` as `DELETE /batches/{id}` does: kills its YARN app (or the spark-submit that has not
    /// reached the RM yet) and forgets the session.
    /// - Returns: false when no such batch exists.
    mutating func deleteLivyBatch(_ id: Int, at t: Double) -> Bool {
        guard let batch = livy.batches[id] else { return false }
        if let appId = batch.appId {
            model.requestKill(appId, user: batch.owner ?? "livy", message: "Killed by Livy (batch \(id) deleted)", at: t)
        }
        livy.remove(id)
        model.version += 1
        return true
    }
}
