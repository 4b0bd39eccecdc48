import Logging
import SparkDeployCore

extension LivyClient {
    /// `GET /batches/{id}`.
    /// - Throws: ``LivyError`` (`notFound` for an unknown, deleted or forgotten batch).
    public func batch(id: Int) async throws(LivyError) -> LivyBatch {
        let request = LivyRequest(operation: "batch", method: "GET", path: "/batches/\(id)", batchId: id)
        return try decode(LivyWire.Batch.self, try await execute(request), request).model
    }

    /// One page of `GET /batches?from=&size=`.
    /// - Throws: ``LivyError``.
    public func batches(from: Int = 0, size: Int = 100) async throws(LivyError) -> LivyBatchPage {
        let request = LivyRequest(
            operation: "batches", method: "GET", path: "/batches",
            query: [("from", String(max(0, from))), ("size", String(max(0, size)))])
        let page = try decode(LivyWire.Page.self, try await execute(request), request)
        return LivyBatchPage(from: page.from, total: page.total, batches: page.sessions.map(\.model))
    }

    /// Every batch the server knows, page by page (at most 100 pages of `pageSize`).
    /// - Throws: ``LivyError``.
    public func allBatches(pageSize: Int = 100) async throws(LivyError) -> [LivyBatch] {
        var all: [LivyBatch] = []
        var from = 0
        for _ in 0..<100 {
            let page = try await batches(from: from, size: max(1, pageSize))
            all += page.batches
            from += page.batches.count
            if page.batches.isEmpty || from >= page.total { break }
        }
        return all
    }

    /// The newest batch named `name` (byte-exact), or nil.
    /// - Throws: ``LivyError``.
    public func findBatch(named name: String) async throws(LivyError) -> LivyBatch? {
        try await allBatches().filter { $0.name.map { $0.hasSameBytes(as: name) } ?? false }.max { $0.id < $1.id }
    }

    /// `GET /batches/{id}/state`.
    /// - Throws: ``LivyError``.
    public func state(id: Int) async throws(LivyError) -> LivyBatchState {
        let request = LivyRequest(operation: "state", method: "GET", path: "/batches/\(id)/state", batchId: id)
        return LivyBatchState(rawValue: try decode(LivyWire.State.self, try await execute(request), request).state)
    }

    /// `GET /batches/{id}/log?from=&size=`: by default the last 100 lines.
    /// - Throws: ``LivyError``.
    public func log(id: Int, from: Int? = nil, size: Int? = nil) async throws(LivyError) -> LivyLog {
        var query: [(name: String, value: String)] = []
        if let from { query.append(("from", String(from))) }
        if let size { query.append(("size", String(size))) }
        let request = LivyRequest(operation: "log", method: "GET", path: "/batches/\(id)/log", query: query, batchId: id)
        let log = try decode(LivyWire.Log.self, try await execute(request), request)
        return LivyLog(batchId: log.id, from: log.from, total: log.total, lines: log.log ?? [])
    }

    /// `DELETE /batches/{id}`: Livy kills the batch's YARN application (or its spark-submit) and forgets the
    /// batch. Safe to repeat: a batch that is already gone answers `false`.
    /// - Returns: true when this call deleted the batch, false when Livy did not know it.
    /// - Throws: ``LivyError``.
    @discardableResult
    public func deleteBatch(id: Int) async throws(LivyError) -> Bool {
        let request = LivyRequest(operation: "deleteBatch", method: "DELETE", path: "/batches/\(id)", batchId: id)
        do {
            _ = try await execute(request)
            logger.debug("livy batch deleted", metadata: ["livy.batch_id": "\(id)"])
            return true
        } catch {
            guard error.code == .notFound else { throw error }
            return false
        }
    }
}
