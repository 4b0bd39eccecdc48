import LuaHost

/// Keeps code above `recipe{}` from doing anything: until a recipe has declared itself, every
/// host function except the pure ones refuses with "<fn>: not available while reading recipe
/// metadata". The same rule holds while `check`, `list` and `describe` read the metadata and
/// during `run`, so the metadata pass can never reach a cluster, and what runs above
/// `recipe{}` has no effect to repeat when the recipe then runs for real.
enum MetadataGate {
    /// Functions that read nothing outside the run and change nothing: allowed before `recipe{}`.
    static let pureFunctions: Set<String> = [
        "_G.recipe", "_G.now", "_G.env", "_G.fail",
        "json.encode", "json.decode",
        "__host.lib_source", "__host.cancelled", "exec.allowed",
    ]

    /// The names recipe authors know for the prelude's primitives (`print` calls `__host.write`).
    static let preludeNames: [String: String] = [
        "__host.write": "print", "__host.stage_begin": "stage", "__host.stage_end": "stage",
        "__host.critical_begin": "critical", "__host.critical_end": "critical",
        "__host.status": "wait_until", "__host.next_poll": "wait_until", "__host.log": "retry",
    ]

    /// `module`, with every non-pure function refusing while `context` awaits its `recipe{}`.
    static func guarded(_ module: HostModule, context: RunContext) -> HostModule {
        var module = module
        module.functions = module.functions.map { guarded($0, context: context) }
        return module
    }

    private static func guarded(_ function: HostFunction, context: RunContext) -> HostFunction {
        let key = "\(function.spec.module).\(function.spec.name)"
        guard !pureFunctions.contains(key), let body = function.body else { return function }
        let shown = preludeNames[key] ?? displayName(function.spec)
        return HostFunction(function.spec) { call in
            if context.awaitingRecipe {
                throw HostError(
                    kind: .sandbox,
                    message: "\(shown): not available while reading recipe metadata (recipe{} must come before any other work)")
            }
            return try body(call)
        }
    }

    private static func displayName(_ spec: FunctionSpec) -> String {
        switch spec.style {
        case .function: return spec.module == "_G" ? spec.name : "\(spec.module).\(spec.name)"
        case .method(let className): return "\(className):\(spec.name)"
        }
    }
}
