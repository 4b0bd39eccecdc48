import Checkpoint
import DeployRuntime
import LuaHost

/// The `checkpoint` Lua module: read a Structured Streaming checkpoint (`s3://`, `hdfs://` over WebHDFS,
/// `file://`), write and remove stop markers, snapshot and restore a checkpoint's progress log.
public struct CheckpointModuleProvider: ModuleProvider {
    /// Creates the provider.
    public init() {}

    /// The `checkpoint` module.
    public func modules(context: RunContext?) -> [HostModule] {
        let session = CheckpointSession(context: context)
        let uri = ParamSpec("uri", .string, doc: "s3://bucket/prefix, hdfs://host[:port]/path or file:///path")
        let id = ParamSpec("id", .string, doc: "snapshot id: letters, digits, '-', '_', '.'")
        func fn(
            _ name: String, _ params: [ParamSpec], returns: String, doc: String, mutates: Bool = false,
            _ body: @escaping (CheckpointSession, HostCall) throws -> HostResults
        ) -> HostFunction {
            HostFunction(FunctionSpec(module: "checkpoint", name: name, params: params, returns: returns, doc: doc, mutates: mutates)) {
                call in
                guard session.context != nil else { return [] }
                return try body(session, call)
            }
        }
        let functions: [HostFunction] = [
            fn(
                "read", [uri], returns: "CheckpointState",
                doc: "Reads a checkpoint: query id, latest offsets batch and commit, whether a batch is in flight, "
                    + "the latest batch's sources; exists=false (and nils) when there is none."
            ) { s, call in
                let location = try s.location(call, 1)
                let state = try s.run(call, location) { storage in try await CheckpointReader(storage: storage).read(location) }
                return [CheckpointConversions.table(state)]
            },
            fn("exists", [uri], returns: "boolean", doc: "Whether a file (a stop marker) exists at the URI.") { s, call in
                let location = try s.location(call, 1)
                return [.boolean(try s.run(call, location) { storage in try await storage.exists(location) })]
            },
            fn(
                "write", [uri, ParamSpec("text", .string)], returns: "nil",
                doc: "Writes a file whole (a stop marker): S3 PutObject, WebHDFS CREATE, or a local write-and-rename.",
                mutates: true
            ) { s, call in
                let location = try s.location(call, 1)
                let text = try call.string(2)
                try s.mutate(call, location, details: "\(text.utf8.count) bytes") { storage in
                    try await storage.write(location, Array(text.utf8))
                    return "written"
                }
                return []
            },
            fn("remove", [uri], returns: "nil", doc: "Deletes a file (a stop marker); a missing one is not an error.", mutates: true) {
                s, call in
                let location = try s.location(call, 1)
                try s.mutate(call, location) { storage in
                    try await storage.delete(location)
                    return "removed"
                }
                return []
            },
            fn(
                "snapshot", [uri, id], returns: "CheckpointSnapshot",
                doc: "Copies metadata, offsets/* and commits/* to <uri>.sparkdeploy-snapshots/<id>/ (beside the checkpoint, never in it).",
                mutates: true
            ) { s, call in
                let location = try s.location(call, 1)
                let id = try s.snapshotID(call, 2)
                let target = CheckpointSnapshots.location(of: id, checkpoint: location)
                if s.context?.dryRun == true {
                    s.context?.recordMutation("checkpoint.snapshot", target: location.description, details: "to \(target)")
                    let state = try s.run(call, location) { storage in try await CheckpointReader(storage: storage).read(location) }
                    return [CheckpointConversions.dryRunSnapshot(id: id, location: target, state: state)]
                }
                let summary = try s.mutate(call, location, details: "to \(target)") { storage in
                    try await CheckpointSnapshots(storage: storage).snapshot(location, id: id)
                }
                return summary.map { [CheckpointConversions.table($0)] } ?? []
            },
            fn(
                "restore", [uri, id], returns: "CheckpointRestore",
                doc: "Deletes every offsets/commits batch newer than snapshot <id>'s and writes the snapshot's files back, "
                    + "so the previous build restarts where it left off.",
                mutates: true
            ) { s, call in
                let location = try s.location(call, 1)
                let id = try s.snapshotID(call, 2)
                if s.context?.dryRun == true {
                    s.context?.recordMutation("checkpoint.restore", target: location.description, details: "snapshot \(id)")
                    return [
                        .map([
                            "id": .string(id), "removed_offsets": .array([LuaValue]()), "removed_commits": .array([LuaValue]()),
                            "dry_run": .boolean(true),
                        ])
                    ]
                }
                let summary = try s.mutate(call, location, details: "snapshot \(id)") { storage in
                    try await CheckpointSnapshots(storage: storage).restore(location, id: id)
                }
                return summary.map { [CheckpointConversions.table($0)] } ?? []
            },
        ]
        return [
            HostModule(
                name: "checkpoint",
                doc: "Structured Streaming checkpoints on S3, HDFS (WebHDFS) and local files: read, stop markers, snapshot, restore.",
                functions: functions, records: CheckpointConversions.records)
        ]
    }
}
