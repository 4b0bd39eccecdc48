import Foundation
import Logging
import LuaHost
import S3
import SparkDeployCore

/// Takes an S3 lease for `lock(name, …)` on the run's Lua thread: waits for a held lease up to `wait`
/// seconds, logs a takeover, opens the deploy's journal, reads the journal of an unfinished deploy the
/// lease names, and starts renewing. In dry-run it only reads: a held lease still refuses the run.
enum LeaseAcquirer {
    /// The lock's Lua fields beyond the machine lock's (`store`, `lease`, `deploy_id`, `taken_over`, `unfinished`, `last`).
    static func take(
        _ name: String, store: LeaseStore, ttl: Double, wait: Double, reattach: LeaseSettings.Reattach,
        context: RunContext
    ) throws(HostError) -> [String: LuaValue] {
        let leases = context.leases
        var fields: [String: LuaValue] = ["store": .string(store.description), "lease": .string(store.url(store.leaseKey(name)))]
        if leases.holds(name) { return fields }
        let logger = RunLogHandler.logger("s3", log: context.log)
        let client: S3Client
        let aws = context.connection.aws
        do {
            client = try S3Client(
                region: aws.region, endpoint: aws.s3Endpoint, profile: aws.profile, environment: context.environment,
                credentials: aws.credentialProvider)
        } catch {
            throw HostError(kind: .failed, message: "lock \(name): cannot reach the lock store \(store): \(error)", code: "LockStoreError")
        }
        let identity = context.identity
        let owner = LeaseOwner(
            host: LeaseOwner.hostName, pid: getpid(), runID: identity.deployID, recipe: identity.recipe,
            paramsDigest: identity.paramsDigest, user: context.environment["USER"],
            ciJobURL: LeaseOwner.ciJobURL(environment: context.environment))
        let journalKey = store.journalKey(name, deployID: identity.deployID)
        let document = LeaseDocument(
            lock: name, state: .held, owner: owner, acquiredAt: 0, renewedAt: 0, expiresAt: 0,
            ttl: ttl, deployID: identity.deployID, journal: journalKey)
        let lease = S3Lease(client: client, store: store, name: name, document: document, logger: logger)
        if context.dryRun { return try dryRunCheck(lease, name: name, context: context, fields: fields) }

        let waitUntil = Date().timeIntervalSince1970 + wait
        var announcedWait = false
        var acquisition: S3Lease.Acquisition
        while true {
            do {
                acquisition = try context.await("lock \(name)") { try await lease.acquire() }
                break
            } catch let error as LeaseError where error.kind == .held && Date().timeIntervalSince1970 < waitUntil {
                if !announcedWait {
                    context.log.log(
                        .warning, "waiting for the lock",
                        fields: [
                            "lock": name, "holder": error.message,
                            "wait": "\(Int(wait))s",
                        ])
                    announcedWait = true
                }
                let left = waitUntil - Date().timeIntervalSince1970
                if !SystemClock().blockingSleep(seconds: min(5, max(0.2, left)), token: context.token) {
                    throw HostError(kind: .cancelled, message: "lock \(name): \(context.token.reason?.description ?? "cancelled")")
                }
            } catch let error as LeaseError {
                throw HostError(kind: .failed, message: error.message, code: error.kind.rawValue)
            } catch let error as HostError {
                throw error
            } catch {
                throw HostError(kind: .failed, message: "lock \(name): \(error)", code: "LockStoreError")
            }
        }
        var unfinished: LuaValue?
        if let previous = acquisition.previous {
            if acquisition.tookOverExpired {
                context.log.log(
                    .warning, "lock taken over from a run that stopped renewing it",
                    fields: [
                        "lock": name, "previous_holder": previous.owner.summary,
                        "expired_at": RunLog.timestamp(previous.expiresAt), "lease": store.url(store.leaseKey(name)),
                    ])
            }
            fields["taken_over"] = .boolean(acquisition.tookOverExpired)
            let last = readJournal(previous, store: store, client: client, logger: logger)
            if let last { fields["last"] = last }
            unfinished = last.flatMap { unfinishedJournal($0, lease: previous) }
        }
        if let journal = unfinished, reattach == .abandon {
            let key = journal.field("key") ?? ""
            _ = BudgetedCall.run(seconds: 10) {
                await DeployJournal.abandon(
                    journal, client: client, bucket: store.bucket, key: key, by: identity.deployID,
                    logger: logger)
            }
            context.log.log(
                .warning, "unfinished deploy abandoned (--abandon)",
                fields: [
                    "lock": name, "deploy": journal.field("deploy_id") ?? "?", "journal": store.url(key),
                ])
            unfinished = nil
        }
        let journal =
            leases.journal == nil
            ? DeployJournal(
                client: client, store: store, lock: name, deployID: identity.deployID, tag: identity.tag,
                owner: owner,
                resumedFrom: unfinished.flatMap { journal in
                    journal.field("deploy_id").flatMap { id in journal.field("key").map { (id: id, key: $0) } }
                }, logger: logger)
            : nil
        leases.add(lease, journal: journal)
        if let journal {
            let stagesSoFar = context.stageNamesSoFar
            _ = BudgetedCall.run(seconds: 30) {
                await journal.note(["lock_store": .string(store.description)])
                for stage in stagesSoFar { await journal.stageBegan(stage) }
            }
            fields["journal"] = .string(store.url(journalKey))
        }
        let token = context.token
        let log = context.log
        _ = BudgetedCall.run(seconds: 5) {
            await lease.startRenewing(
                onLost: { reason in
                    log.log(.error, "lock lost", fields: ["lock": name, "reason": reason])
                    token.cancel(.other("lock '\(name)' lost: \(reason)"))
                },
                onFailure: { reason in
                    log.log(.warning, "lock renewal failed; retrying", fields: ["lock": name, "reason": reason])
                })
        }
        context.log.log(
            .info, "lease taken",
            fields: [
                "lock": name, "lease": store.url(store.leaseKey(name)),
                "ttl": "\(Int(ttl))s", "deploy": identity.deployID,
            ])
        if let unfinished {
            fields["unfinished"] = unfinished
            fields["resume"] = .boolean(reattach == .resume)
            context.log.log(
                .warning, "the previous deploy under this lock did not finish",
                fields: [
                    "lock": name, "deploy": unfinished.field("deploy_id") ?? "?",
                    "stage": unfinished.field("stage") ?? "-", "journal": unfinished.field("key").map { store.url($0) } ?? "?",
                ])
        }
        return fields
    }

    /// The journal the previous lease names (that deploy's, however it ended), nil when there is none or it cannot be read.
    private static func readJournal(
        _ previous: LeaseDocument, store: LeaseStore, client: S3Client,
        logger: Logger
    ) -> LuaValue? {
        guard let key = previous.journal else { return nil }
        return
            BudgetedCall.run(seconds: 30) {
                await DeployJournal.read(client: client, bucket: store.bucket, key: key, logger: logger)
            } ?? nil
    }

    /// `journal` when the deploy it records did not finish (nor was abandoned): the one to continue.
    private static func unfinishedJournal(_ journal: LuaValue, lease previous: LeaseDocument) -> LuaValue? {
        guard previous.journalState != DeployJournal.State.finished.rawValue,
            previous.journalState != DeployJournal.State.abandoned.rawValue,
            let state = journal.field("state"),
            state == DeployJournal.State.inProgress.rawValue || state == DeployJournal.State.stopped.rawValue
        else { return nil }
        return journal
    }

    /// Dry-run: reads the lease and refuses as a real run would; takes nothing.
    private static func dryRunCheck(
        _ lease: S3Lease, name: String, context: RunContext,
        fields: [String: LuaValue]
    ) throws(HostError) -> [String: LuaValue] {
        let client = lease.client
        let store = lease.store
        let key = lease.key
        let object: S3Object?
        do {
            object = try context.await("lock \(name)") { () async throws -> S3Object? in
                do { return try await client.getObject(bucket: store.bucket, key: key, logger: Logger(label: "s3")) } catch let error
                    as S3Error where error.code == "NoSuchKey"
                { return nil }
            }
        } catch {
            throw HostError(kind: .failed, message: "lock \(name): cannot read \(store.url(key)): \(error)", code: "LockStoreError")
        }
        let now = Date().timeIntervalSince1970
        if let object, let holder = LeaseDocument.decode(object.body), holder.state == .held {
            let left = LeaseExpiry.secondsLeft(holder, object: object, localNow: now)
            if left > 0 {
                throw HostError(
                    kind: .failed, message: S3Lease.refusal(name, holder, left: left, now: now, url: store.url(key)),
                    code: LeaseError.Kind.held.rawValue)
            }
        }
        context.log.log(.info, "dry-run: would take the lease", fields: ["lock": name, "lease": store.url(key)])
        return fields
    }
}

extension LuaValue {
    /// The string field `name` of a table value, `nil` for anything else.
    func field(_ name: String) -> String? { tableValue?[name].stringValue }
}
