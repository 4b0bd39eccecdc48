import Foundation
import LuaHost
import Synchronization

/// `lock(name, opts)`: single-flight for a deploy. Always takes an exclusive `flock` on
/// `<lock folder>/<name>.lock` (``LockDirectory``: a folder only this user can enter, a file opened
/// without following symlinks) for the rest of the run, or fails at once naming the holder. With a lock
/// store (`opts.store`, `SPARKDEPLOY_LOCK_STORE`, `--lock-store`) it also takes an S3 lease that every
/// runner sees (``LeaseAcquirer``), renewed while the run lives and released when it ends, and opens the
/// deploy's journal next to it. Without one, under `CI=true`, the run warns once that single-flight is
/// machine-local.
enum LockModule {
    private static let warnedMachineLocal = Atomic<Bool>(false)

    static let records: [RecordSpec] = [
        RecordSpec(
            "LockOptions",
            fields: [
                FieldSpec(
                    "store", .string,
                    doc: "s3://bucket/prefix for a lease every runner sees (default $SPARKDEPLOY_LOCK_STORE, --lock-store)"),
                FieldSpec(
                    "ttl", .number,
                    doc: "seconds the lease lives without renewal (default $SPARKDEPLOY_LOCK_TTL or 300; renewed every ttl/3)"),
                FieldSpec("wait", .number, doc: "seconds to wait for a held lease before refusing (default $SPARKDEPLOY_LOCK_WAIT or 0)"),
            ]),
        RecordSpec(
            "Lock",
            fields: [
                FieldSpec("name", .string, optional: false, doc: "the lock's name"),
                FieldSpec("path", .string, optional: false, doc: "the machine lock file"),
                FieldSpec("store", .string, doc: "the lock store, when one is used"),
                FieldSpec("lease", .string, doc: "the lease object's s3:// URL"),
                FieldSpec("journal", .string, doc: "this deploy's journal s3:// URL"),
                FieldSpec("taken_over", .boolean, doc: "the lease was taken over from a run that stopped renewing it"),
                FieldSpec("unfinished", .table, doc: "the journal of the previous deploy under this lock, when it did not finish"),
                FieldSpec("resume", .boolean, doc: "run --resume: continue `unfinished` as recorded even where the cluster disagrees"),
                FieldSpec(
                    "last", .table,
                    doc: "the journal of the previous deploy under this lock, however it ended (its notes: what it deployed)"),
            ]),
    ]

    static func module(_ context: RunContext?) -> HostModule {
        let held = HeldLocks()
        return HostModule(
            name: "_G", doc: "",
            functions: [
                HostFunction(
                    FunctionSpec(
                        module: "_G", name: "lock",
                        params: [
                            ParamSpec("name", .string),
                            ParamSpec("opts", .record("LockOptions"), optional: true),
                        ],
                        returns: "Lock",
                        doc:
                            "Takes a machine-wide lock and, with a lock store, an S3 lease every runner sees; both held until the run ends (taking it again in the same run is a no-op). Fails at once naming the holder, since when and until when."
                    )
                ) { (call: HostCall) throws -> HostResults in
                    guard let context else { return [] }
                    let name = try call.string(1)
                    let options = try call.options(2)
                    let settings: LeaseSettings
                    do { settings = try LeaseSettings.resolve(context.connection.lease, environment: context.environment) } catch {
                        throw HostError(kind: .failed, message: "lock \(name): \(error)", code: "LockStoreError")
                    }
                    var store = settings.store
                    if let text = try options.string("store") {
                        do throws(LeaseStoreError) { store = try LeaseStore(parsing: text) } catch {
                            throw HostError.field("lock", index: 2, name: "opts", field: "store", problem: error.problem)
                        }
                    }
                    let ttl = try options.duration("ttl") ?? settings.ttl
                    guard LeaseSettings.ttlRange.contains(ttl) else {
                        throw HostError.field(
                            "lock", index: 2, name: "opts", field: "ttl",
                            problem:
                                "must be \(Int(LeaseSettings.ttlRange.lowerBound))...\(Int(LeaseSettings.ttlRange.upperBound)) seconds, got \(ttl)"
                        )
                    }
                    let wait = try options.duration("wait") ?? settings.wait
                    let path = try machineLock(name, held: held, context: context)
                    var fields: [String: LuaValue] = ["name": .string(name), "path": .string(path)]
                    if let store {
                        let lease = try LeaseAcquirer.take(
                            name, store: store, ttl: ttl, wait: wait, reattach: settings.reattach,
                            context: context)
                        fields.merge(lease) { _, new in new }
                    } else if context.environment["CI"] == "true", !warnedMachineLocal.exchange(true, ordering: .relaxed) {
                        context.log.log(
                            .warning,
                            "single-flight is machine-local: another CI runner could deploy the same app at the same time; "
                                + "set SPARKDEPLOY_LOCK_STORE=s3://bucket/prefix (or --lock-store) for a lease every runner sees",
                            fields: ["lock": name])
                    }
                    return [.map(fields)]
                }
            ])
    }

    /// Takes the machine-wide `flock` for `name` (a no-op when this run holds it) and returns its path.
    private static func machineLock(_ name: String, held: HeldLocks, context: RunContext) throws(HostError) -> String {
        let directory = LockDirectory.path(environment: context.environment)
        let path = (directory as NSString).appendingPathComponent(LeaseStore.safe(name) + ".lock")
        if held.holds(path) { return path }
        let fd: Int32
        do throws(LockDirectory.Refusal) {
            try LockDirectory.prepare(directory)
            fd = try LockDirectory.open(path)
        } catch {
            throw HostError(kind: .failed, message: "lock \(name): \(error.message)", code: "LockRefused")
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
            close(fd)
            throw HostError(
                kind: .failed,
                message:
                    "another run holds the lock '\(name)' (\(holder.isEmpty ? "unknown holder" : holder)); refusing to run concurrently",
                code: "LockHeld")
        }
        let note = "pid \(getpid()) since \(RunLog.timestamp(Date().timeIntervalSince1970)), deploy \(context.identity.deployID)\n"
        _ = ftruncate(fd, 0)
        _ = note.withCString { write(fd, $0, strlen($0)) }
        held.add(fd, path: path)
        context.log.log(.info, "lock taken", fields: ["lock": name])
        return path
    }
}

/// File descriptors of the locks a run holds; closing them releases the locks.
private final class HeldLocks {
    private var descriptors: [String: Int32] = [:]
    func add(_ fd: Int32, path: String) { descriptors[path] = fd }
    func holds(_ path: String) -> Bool { descriptors[path] != nil }
    deinit { for fd in descriptors.values { close(fd) } }
}
