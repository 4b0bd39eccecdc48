import Foundation
import Logging
import LuaHost
import S3

/// One deploy's journal: a JSON document next to the lease (`<prefix>/journal/<lock>/<deploy id>.json`),
/// rewritten whenever the deploy moves — a stage begins, a mutation is about to happen and has happened
/// (with the ids it produced), the recipe notes what ran before — and closed with the outcome. A run
/// that takes the lease over from one that died reads it to continue that deploy instead of starting blind.
///
/// Writes are plain PUTs of a key only the lease holder writes; a failed write is logged and the
/// next one carries the whole document again.
actor DeployJournal {
    /// Still moving (`in_progress`), closed by its run (`finished`), cut short by a deadline or signal
    /// before the recipe could say what runs (`stopped`), or set aside by `--abandon` (`abandoned`).
    enum State: String, Sendable { case inProgress = "in_progress", finished, stopped, abandoned }

    let client: S3Client
    let store: LeaseStore
    let key: String
    private let logger: Logger
    private var fields: [String: LuaValue]
    private var mutations: [[String: LuaValue]] = []
    private var stages: [LuaValue] = []
    private var notes: [String: LuaValue] = [:]

    /// The key of the unfinished journal this deploy took over, if any.
    let predecessorKey: String?

    /// A journal for deploy `deployID` under lock `lock`; `resumedFrom` is the unfinished deploy it continues
    /// (its id, and its journal's key).
    init(
        client: S3Client, store: LeaseStore, lock: String, deployID: String, tag: String, owner: LeaseOwner,
        resumedFrom: (id: String, key: String)?, logger: Logger
    ) {
        self.client = client
        self.store = store
        self.key = store.journalKey(lock, deployID: deployID)
        self.logger = logger
        self.predecessorKey = resumedFrom?.key
        var fields: [String: LuaValue] = [
            "format": .string("sparkdeploy-journal/1"), "deploy_id": .string(deployID), "lock": .string(lock),
            "tag": .string(tag), "recipe": .string(owner.recipe), "params_digest": .string(owner.paramsDigest),
            "host": .string(owner.host), "pid": .integer(Int64(owner.pid)),
            "started_at": .number(Date().timeIntervalSince1970), "state": .string(State.inProgress.rawValue),
        ]
        if let url = owner.ciJobURL { fields["ci_job_url"] = .string(url) }
        if let resumedFrom { fields["resumed_from"] = .string(resumedFrom.id) }
        self.fields = fields
    }

    /// The document as Lua sees it.
    var document: LuaValue {
        var all = fields
        all["mutations"] = .array(mutations.map(LuaValue.map))
        all["stages"] = .array(stages)
        all["notes"] = .map(notes)
        all["updated_at"] = .number(Date().timeIntervalSince1970)
        return .map(all)
    }

    /// Records that stage `name` began.
    func stageBegan(_ name: String) async {
        fields["stage"] = .string(name)
        stages.append(.string(name))
        await write()
    }

    /// Records a mutation about to happen; returns its index for ``mutationEnded(_:result:failed:)``.
    func mutationBegan(action: String, target: String, details: String, stage: String?) async -> Int {
        var entry: [String: LuaValue] = [
            "action": .string(action), "target": .string(target), "phase": .string("started"),
            "at": .number(Date().timeIntervalSince1970),
        ]
        if !details.isEmpty { entry["details"] = .string(details) }
        if let stage { entry["stage"] = .string(stage) }
        mutations.append(entry)
        await write()
        return mutations.count - 1
    }

    /// Records how mutation `index` ended: its result (a step id, the app's final state) or its error.
    func mutationEnded(_ index: Int, result: String?, failed: String?) async {
        guard mutations.indices.contains(index) else { return }
        var entry = mutations[index]
        entry["phase"] = .string(failed == nil ? "done" : "failed")
        if let result { entry["result"] = .string(result) }
        if let failed { entry["error"] = .string(failed) }
        mutations[index] = entry
        await write()
    }

    /// Merges recipe notes (`journal.note{…}`): what ran before, the build, the cluster.
    func note(_ values: [String: LuaValue]) async {
        for (key, value) in values { notes[key] = value }
        await write()
    }

    /// Closes the journal with the run's outcome.
    func close(state: State, outcome: String, error: String?) async {
        fields["state"] = .string(state.rawValue)
        fields["outcome"] = .string(outcome)
        fields["finished_at"] = .number(Date().timeIntervalSince1970)
        if let error { fields["error"] = .string(error) }
        await write()
    }

    /// The unfinished journal to hand on to the next run when this one ends without success and without
    /// having changed anything (it refused to continue, say): the next run must still see that deploy.
    func handBack(outcome: String) -> String? {
        guard let predecessorKey, outcome != "succeeded", mutations.isEmpty else { return nil }
        return predecessorKey
    }

    /// The journal's state field.
    var state: String { fields["state"]?.stringValue ?? State.inProgress.rawValue }

    private func write() async {
        let text: String
        do { text = try JSONBridge.encode(document, pretty: true) } catch {
            logger.warning("deploy journal not written: \(error.message)", metadata: ["journal": "\(store.url(key))"])
            return
        }
        do {
            _ = try await client.putObject(
                bucket: store.bucket, key: key, body: Array(text.utf8),
                contentType: "application/json", logger: logger)
        } catch {
            logger.warning("deploy journal not written: \(error)", metadata: ["journal": "\(store.url(key))"])
        }
    }

    /// Reads the journal at `key`; `nil` when missing or not a journal.
    static func read(client: S3Client, bucket: String, key: String, logger: Logger) async -> LuaValue? {
        guard let object = try? await client.getObject(bucket: bucket, key: key, logger: logger),
            let value = try? JSONBridge.decode(String(decoding: object.body, as: UTF8.self)),
            var table = value.tableValue, table["format"] == .string("sparkdeploy-journal/1")
        else { return nil }
        table.fields[.string("key")] = .string(key)
        return .table(table)
    }

    /// Marks the journal at `key` abandoned (`--abandon`), keeping everything else.
    static func abandon(
        _ journal: LuaValue, client: S3Client, bucket: String, key: String, by deployID: String,
        logger: Logger
    ) async {
        guard var table = journal.tableValue else { return }
        table.fields[.string("state")] = .string(State.abandoned.rawValue)
        table.fields[.string("abandoned_by")] = .string(deployID)
        table.fields[.string("key")] = nil
        guard let text = try? JSONBridge.encode(.table(table), pretty: true) else { return }
        _ = try? await client.putObject(
            bucket: bucket, key: key, body: Array(text.utf8), contentType: "application/json",
            logger: logger)
    }
}
