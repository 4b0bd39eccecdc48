import DeployRuntime
import LuaHost

/// The registry as the Lua-side fuzzer sees it: one descriptor table per registered function
/// (host functions, RM methods, `__host` primitives, and the prelude's Lua functions), with
/// parameter types encoded as tables so the generator can build well-typed values from them.
enum FuzzRegistry {
    /// Descriptors of every function in `modules` (built from the same list the CLI registers).
    static func descriptors(_ modules: [HostModule]) -> LuaValue {
        var global: [String: RecordSpec] = [:]
        for module in modules { for record in module.records where global[record.name] == nil { global[record.name] = record } }
        var out: [LuaValue] = []
        for module in modules {
            // A module's own records win: two modules declare a `WaitOptions` of different shapes.
            var records = global
            for record in module.records { records[record.name] = record }
            for function in module.functions {
                let spec = function.spec
                var fields: [String: LuaValue] = [
                    "q": .string(spec.qualifiedName),
                    "mod": .string(spec.module),
                    "name": .string(spec.name),
                    "params": .array(
                        spec.params.map { param in
                            .map([
                                "name": .string(param.name), "optional": .boolean(param.optional),
                                "type": encode(param.type, records, depth: 0),
                            ])
                        }),
                    "doconly": .boolean(function.body == nil),
                    "heavy": .boolean(["yarn", "emr", "RM"].contains(spec.module)),
                ]
                if case .method(let className) = spec.style { fields["class"] = .string(className) }
                out.append(.map(fields))
            }
        }
        return .array(out)
    }

    /// `LuaType` as a table: `{t = "array", e = …}`, `{t = "record", fields = {…}, closed = true}`, ….
    static func encode(_ type: LuaType, _ records: [String: RecordSpec], depth: Int) -> LuaValue {
        switch type {
        case .any: return .map(["t": "any"])
        case .string: return .map(["t": "string"])
        case .number: return .map(["t": "number"])
        case .integer: return .map(["t": "integer"])
        case .boolean: return .map(["t": "boolean"])
        case .table: return .map(["t": "table"])
        case .function: return .map(["t": "function"])
        case .array(let element): return .map(["t": "array", "e": encode(element, records, depth: depth + 1)])
        case .object(let name): return .map(["t": "object", "name": .string(name)])
        case .oneOf(let types): return .map(["t": "oneOf", "of": .array(types.map { encode($0, records, depth: depth + 1) })])
        case .record(let name):
            guard let record = records[name], depth < 4 else { return .map(["t": "table"]) }
            return .map([
                "t": "record", "name": .string(name), "closed": .boolean(record.closed),
                "fields": .array(
                    record.fields.map { field in
                        .map([
                            "name": .string(field.name), "optional": .boolean(field.optional),
                            "type": encode(field.type, records, depth: depth + 1),
                        ])
                    }),
            ])
        }
    }
}
