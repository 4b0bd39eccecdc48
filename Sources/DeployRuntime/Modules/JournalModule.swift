import LuaHost

/// `journal`: the deploy journal a lease with a store opens (``DeployJournal``). Recipes note what the
/// journal cannot see for itself — the app and build that ran before, the build being deployed — so
/// that a run re-attaching after a crash knows its rollback target even when it no longer runs.
/// Without a lock store every call is a no-op and `journal.current()` is nil.
enum JournalModule {
    static func module(_ context: RunContext?) -> HostModule {
        HostModule(
            name: "journal", doc: "The deploy journal kept next to the S3 lease (lock with a store).",
            functions: [
                HostFunction(
                    FunctionSpec(
                        module: "journal", name: "note", params: [ParamSpec("fields", .table)],
                        doc: "Records fields (JSON-able values) in this deploy's journal and writes it; a no-op without a lock store.",
                        mutates: false)
                ) { (call: HostCall) throws -> HostResults in
                    guard let context else { return [] }
                    let table = try call.table(1)
                    var fields: [String: LuaValue] = [:]
                    for key in table.stringKeys {
                        let value = table[key]
                        do throws(JSONBridge.Failure) { _ = try JSONBridge.encode(value, pretty: false) } catch {
                            throw HostError.field("journal.note", index: 1, name: "fields", field: key, problem: error.message)
                        }
                        fields[key] = value
                    }
                    guard !context.dryRun, let journal = context.leases.journal else { return [] }
                    let noted = fields
                    if BudgetedCall.run(seconds: 15, { await journal.note(noted) }) == nil {
                        context.log.log(
                            .warning, "deploy journal note not written in time",
                            fields: ["fields": fields.keys.sorted().joined(separator: ",")])
                    }
                    return []
                },
                HostFunction(
                    FunctionSpec(
                        module: "journal", name: "current", params: [], returns: "table|nil",
                        doc: "This deploy's journal as written so far (deploy_id, tag, stages, mutations, notes), nil without a lock store."
                    )
                ) { (_: HostCall) throws -> HostResults in
                    guard let context, let journal = context.leases.journal else { return [.nil] }
                    return [BudgetedCall.run(seconds: 5) { await journal.document } ?? .nil]
                },
            ])
    }
}
