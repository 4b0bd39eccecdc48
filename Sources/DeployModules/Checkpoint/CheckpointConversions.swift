import Checkpoint
import LuaHost

/// The `checkpoint` module's Lua tables and their record types.
enum CheckpointConversions {
    static let records: [RecordSpec] = [
        RecordSpec(
            "CheckpointState", doc: "A Structured Streaming checkpoint as checkpoint.read found it.", closed: false,
            fields: [
                FieldSpec("uri", .string), FieldSpec("exists", .boolean, doc: "false (and nils) when there is no checkpoint"),
                FieldSpec("query_id", .string, doc: "the id in metadata"),
                FieldSpec("latest_offset", .integer, doc: "newest batch in offsets/"),
                FieldSpec("latest_commit", .integer, doc: "newest batch in commits/"),
                FieldSpec("in_flight", .boolean, doc: "a batch was started and not committed"),
                FieldSpec("batch_timestamp", .number, doc: "the latest offsets batch's batchTimestampMs, in epoch seconds"),
                FieldSpec("sources", .array(.string), doc: "the latest offsets file's source lines (JSON offsets or '-')"),
                FieldSpec("offsets", .integer, doc: "how many offsets files"), FieldSpec("commits", .integer, doc: "how many commit files"),
            ]),
        RecordSpec(
            "CheckpointSnapshot", doc: "What checkpoint.snapshot copied.", closed: false,
            fields: [
                FieldSpec("id", .string), FieldSpec("location", .string, doc: "<uri>.sparkdeploy-snapshots/<id>"),
                FieldSpec("offsets", .integer, doc: "offsets files copied"), FieldSpec("commits", .integer, doc: "commit files copied"),
                FieldSpec("latest_commit", .integer), FieldSpec("latest_offset", .integer),
            ]),
        RecordSpec(
            "CheckpointRestore", doc: "What checkpoint.restore changed.", closed: false,
            fields: [
                FieldSpec("id", .string), FieldSpec("removed_offsets", .array(.integer)),
                FieldSpec("removed_commits", .array(.integer)), FieldSpec("latest_commit", .integer),
                FieldSpec("latest_offset", .integer),
            ]),
    ]

    static func table(_ state: CheckpointState) -> LuaValue {
        var fields: [String: LuaValue] = [
            "uri": .string(state.location.description), "exists": .boolean(state.exists),
            "in_flight": .boolean(state.inFlight), "offsets": .integer(Int64(state.offsetCount)),
            "commits": .integer(Int64(state.commitCount)),
        ]
        fields["query_id"] = .optional(state.queryID)
        fields["latest_offset"] = .optional(state.latestOffset.map(Int64.init))
        fields["latest_commit"] = .optional(state.latestCommit.map(Int64.init))
        if let offsets = state.latestOffsets {
            fields["batch_timestamp"] = .number(Double(offsets.batchTimestampMs) / 1000)
            fields["sources"] = .array(offsets.sources)
        } else if state.exists {
            fields["sources"] = .array([LuaValue]())
        }
        return .map(fields)
    }

    static func table(_ summary: SnapshotSummary) -> LuaValue {
        .map([
            "id": .string(summary.id), "location": .string(summary.location.description),
            "offsets": .integer(Int64(summary.offsets)), "commits": .integer(Int64(summary.commits)),
            "latest_commit": .optional(summary.latestCommit.map(Int64.init)),
            "latest_offset": .optional(summary.latestOffset.map(Int64.init)),
        ])
    }

    static func dryRunSnapshot(id: String, location: StorageURI, state: CheckpointState) -> LuaValue {
        .map([
            "id": .string(id), "location": .string(location.description), "offsets": .integer(Int64(state.offsetCount)),
            "commits": .integer(Int64(state.commitCount)), "latest_commit": .optional(state.latestCommit.map(Int64.init)),
            "latest_offset": .optional(state.latestOffset.map(Int64.init)), "dry_run": .boolean(true),
        ])
    }

    static func table(_ summary: RestoreSummary) -> LuaValue {
        .map([
            "id": .string(summary.id),
            "removed_offsets": .array(summary.removedOffsets.map { LuaValue.integer(Int64($0)) }),
            "removed_commits": .array(summary.removedCommits.map { LuaValue.integer(Int64($0)) }),
            "latest_commit": .optional(summary.latestCommit.map(Int64.init)),
            "latest_offset": .optional(summary.latestOffset.map(Int64.init)),
        ])
    }
}
