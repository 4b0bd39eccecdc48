import Foundation
import Logging
import S3

/// One lease on an S3 object: taken with a conditional create (`If-None-Match: *`) or, when the lease
/// there was released or has expired, a conditional replace of the exact ETag read; renewed with
/// `If-Match` every `ttl / 3` seconds while the run lives; released with `If-Match` (the object stays, in
/// state `released`, naming the last deploy's journal). Every write is conditional, so two runners can
/// never both believe they hold it; a write whose outcome is unknown (5xx, time-out) is settled by reading
/// the object back, never by re-sending it.
actor S3Lease {
    /// What taking the lease found.
    struct Acquisition: Sendable {
        /// The document that was at the key (released, or expired and taken over), `nil` when there was none.
        var previous: LeaseDocument?
        /// Whether `previous` was still held by a run that stopped renewing it (a takeover).
        var tookOverExpired: Bool
    }

    /// What one renewal did.
    enum Renewal: Sendable, Equatable {
        case renewed
        /// A transient failure; the next tick tries again.
        case failed(String)
        /// Another run holds the lease now.
        case lost(String)
    }

    let client: S3Client
    let store: LeaseStore
    let name: String
    let key: String
    private(set) var document: LeaseDocument
    private var etag: String?
    private var renewalTask: Task<Void, Never>?
    private let logger: Logger

    init(client: S3Client, store: LeaseStore, name: String, document: LeaseDocument, logger: Logger) {
        self.client = client
        self.store = store
        self.name = name
        self.key = store.leaseKey(name)
        self.document = document
        self.logger = logger
    }

    /// Whether this run holds the lease now.
    var isHeld: Bool { etag != nil && document.state == .held }

    /// Takes the lease once: creates it, or replaces a released or expired one by its exact ETag.
    /// Retries only lost races (412, 409), re-reading each time.
    /// - Throws: ``LeaseError`` — `held` naming the holder, `foreignObject`, `contention`, `store`.
    func acquire() async throws(LeaseError) -> Acquisition {
        for attempt in 1...8 {
            let existing: S3Object?
            do {
                existing = try await client.getObject(bucket: store.bucket, key: key, logger: logger)
            } catch let error as S3Error where error.code == "NoSuchKey" {
                existing = nil
            } catch {
                throw storeError("read the lease", error)
            }
            let now = Date().timeIntervalSince1970
            var acquisition = Acquisition(previous: nil, tookOverExpired: false)
            if let existing {
                guard let previous = LeaseDocument.decode(existing.body) else {
                    throw LeaseError(
                        kind: .foreignObject,
                        message: "lock '\(name)': \(store.url(key)) exists but is not a "
                            + "SparkDeploy lease; refusing to overwrite it (choose another store or prefix)")
                }
                let left = LeaseExpiry.secondsLeft(previous, object: existing, localNow: now)
                if previous.state == .held && left > 0 {
                    throw LeaseError(kind: .held, message: Self.refusal(name, previous, left: left, now: now, url: store.url(key)))
                }
                acquisition = Acquisition(previous: previous, tookOverExpired: previous.state == .held)
            }
            stamp(now: now, acquired: true)
            if try await write(ifMatch: existing?.etag) { return acquisition }
            try? await Task.sleep(nanoseconds: UInt64(Double.random(in: 0.05...0.2) * Double(attempt) * 1e9))
        }
        throw LeaseError(
            kind: .contention,
            message: "lock '\(name)': other runs kept writing \(store.url(key)) "
                + "(8 conditional writes lost); try again")
    }

    /// Starts renewing every `ttl / 3` seconds (at least 1); `onLost` is called once if another run takes the lease.
    func startRenewing(onLost: @escaping @Sendable (String) -> Void, onFailure: @escaping @Sendable (String) -> Void) {
        guard renewalTask == nil else { return }
        let interval = max(1, document.ttl / 3)
        renewalTask = Task { [weak self] in
            while !Task.isCancelled {
                do { try await Task.sleep(nanoseconds: UInt64(interval * 1e9)) } catch { return }
                guard let self else { return }
                switch await self.renew() {
                case .renewed: continue
                case .failed(let reason): onFailure(reason)
                case .lost(let reason):
                    onLost(reason)
                    return
                }
            }
        }
    }

    /// Renews once: a conditional replace of the ETag this run wrote last, with a new expiry.
    func renew() async -> Renewal {
        guard let current = etag, document.state == .held else { return .lost("lock '\(name)' is not held") }
        let now = Date().timeIntervalSince1970
        if now > document.expiresAt {
            // Renewals failed for a whole ttl: another run may have taken it over by now.
            etag = nil
            return .lost("lock '\(name)' expired at \(RunLog.timestamp(document.expiresAt)) before it could be renewed")
        }
        let before = document
        stamp(now: now, acquired: false)
        do {
            if try await write(ifMatch: current) { return .renewed }
        } catch {
            document = before
            return .failed(error.message)
        }
        etag = nil
        return .lost("lock '\(name)' was taken over by another run (\(store.url(key)) changed)")
    }

    /// Stops renewing and marks the lease released, recording the run's `outcome` and its journal's state.
    /// With `handingBack`, the lease names that (unfinished) journal instead of this run's, so the next run
    /// still continues it. A lease another run took over meanwhile is left alone.
    /// - Throws: ``LeaseError`` (`store`) when S3 cannot be told.
    func release(outcome: String, journalState: String?, handingBack: String? = nil) async throws(LeaseError) {
        renewalTask?.cancel()
        await renewalTask?.value
        renewalTask = nil
        guard let current = etag, document.state == .held else { return }
        let now = Date().timeIntervalSince1970
        let before = document
        document.state = .released
        document.releasedAt = now
        document.renewedAt = now
        document.expiresAt = now
        document.outcome = outcome
        document.journalState = journalState
        if let handingBack {
            document.journal = handingBack
            document.journalState = nil
        }
        do {
            if try await write(ifMatch: current) { etag = nil; return }
        } catch {
            document = before
            throw error
        }
        etag = nil
        logger.warning("lease was taken over before release", metadata: ["lock": "\(name)"])
    }

    private func stamp(now: Double, acquired: Bool) {
        if acquired { document.acquiredAt = now }
        document.renewedAt = now
        document.expiresAt = now + document.ttl
        document.state = .held
    }

    /// Writes `document` conditionally (create when `ifMatch` is nil). `true` when written; `false` when
    /// another writer won (412, 409, or the object vanished under `If-Match`). An unknown outcome is
    /// settled by reading the object back.
    private func write(ifMatch: String?) async throws(LeaseError) -> Bool {
        do {
            etag = try await client.putObject(
                bucket: store.bucket, key: key, body: document.encoded(),
                ifNoneMatch: ifMatch == nil, ifMatch: ifMatch,
                contentType: "application/json", logger: logger)
            return true
        } catch let error as S3Error
            where error.isPreconditionFailed || error.isConditionalConflict
            || (ifMatch != nil && error.code == "NoSuchKey")
        {
            return false
        } catch is S3OutcomeUnknownError {
            do {
                let object = try await client.getObject(bucket: store.bucket, key: key, logger: logger)
                if LeaseDocument.decode(object.body) == document {
                    etag = object.etag
                    return true
                }
                return false
            } catch {
                throw storeError("read the lease back after an unanswered write", error)
            }
        } catch {
            throw storeError("write the lease", error)
        }
    }

    private func storeError(_ what: String, _ error: any Error) -> LeaseError {
        LeaseError(kind: .store, message: "lock '\(name)': cannot \(what) at \(store.url(key)): \(error)")
    }

    /// `another run holds the lock 'x' (run … ) since …, until … (expires in 4m 10s; …)`.
    static func refusal(_ name: String, _ holder: LeaseDocument, left: Double, now: Double, url: String) -> String {
        "another run holds the lock '\(name)': \(holder.owner.summary), since \(RunLog.timestamp(holder.acquiredAt)), "
            + "until \(RunLog.timestamp(now + left)) unless renewed (last renewed \(RunLog.timestamp(holder.renewedAt)), "
            + "ttl \(Int(holder.ttl)) s; lease \(url)); refusing to run concurrently"
    }
}
