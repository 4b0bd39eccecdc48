import Foundation
import LuaHost

/// Cost of one Lua → Swift host call through the trampoline, against `math.abs` (a C function).
///
/// Each loop runs in the sandbox environment, as recipes do, on a state of its own; every variant is timed `repeats`
/// times, interleaved (variant A, B, …, then again), and the median is reported. The path shipped
/// functions use is a body returning a list (`host_noop_list_local`); `host_noop_local` is the
/// one-value fast path, kept as a second row.
enum BridgeBenchmark {
    /// One timed loop.
    struct Variant: Sendable {
        let name: String
        let lua: String
    }

    /// The variants: the same loop body calling different functions.
    static func variants(calls: Int) -> [Variant] {
        func loop(_ prelude: String, _ body: String) -> String {
            "\(prelude)\nlocal x = 0\nfor i = 1, \(calls) do \(body) end\nreturn x"
        }
        return [
            Variant(name: "empty_loop", lua: loop("", "x = -i")),
            Variant(name: "math_abs_local", lua: loop("local f = math.abs", "x = f(-i)")),
            Variant(name: "host_noop_local", lua: loop("local f = bench.noop", "x = f(-i)")),
            Variant(name: "host_noop_list_local", lua: loop("local f = bench.noop_list", "x = f(-i)")),
            Variant(name: "math_abs_field", lua: loop("", "x = math.abs(-i)")),
            Variant(name: "host_noop_field", lua: loop("", "x = bench.noop(-i)")),
            Variant(name: "host_noarg_local", lua: loop("local f = bench.none", "f()")),
        ]
    }

    /// The trivial host module: `bench.noop(x) -> x` (typed number argument; registered as a
    /// one-value function, and as `noop_list` returning a list) and `bench.none()`.
    static func module() -> HostModule {
        HostModule(
            name: "bench", doc: "benchmark functions",
            functions: [
                HostFunction(
                    FunctionSpec(
                        module: "bench", name: "noop", params: [ParamSpec("x", .number)],
                        returns: "number", doc: "returns its argument"), value: { call in call.value(1) }),
                HostFunction(
                    FunctionSpec(
                        module: "bench", name: "noop_list", params: [ParamSpec("x", .number)],
                        returns: "number", doc: "returns its argument, as a list")
                ) { call in [call.value(1)] },
                HostFunction(FunctionSpec(module: "bench", name: "none", doc: "does nothing")) { _ in [] },
            ])
    }

    /// Runs every variant on a sandboxed state of its own (one heap per variant, so that one variant's
    /// garbage never lands on another's timing) on one `LuaThread`; returns seconds per variant
    /// (median of `repeats`).
    static func run(calls: Int, repeats: Int, only: String? = nil) -> Result<[String: Double], BenchError> {
        LuaThread.runBlocking(name: "sparkdeploy.bench") { () -> Result<[String: Double], BenchError> in
            do {
                var samples: [String: [Double]] = [:]
                let chosen = variants(calls: calls).filter { only == nil || $0.name == only }
                let loaded = try chosen.map { variant -> (LuaState, LuaFunctionRef) in
                    let state = try LuaState()
                    state.register(module())
                    try Sandbox.install(in: state)
                    return (state, try state.load(variant.lua, chunkName: "=\(variant.name)", sandboxed: true))
                }
                defer { for (state, chunk) in loaded { state.release(chunk) } }
                // Interleaved, so a burst of load from elsewhere lands on every variant alike.
                for _ in 0..<repeats {
                    for (variant, (state, chunk)) in zip(chosen, loaded) {
                        let start = DispatchTime.now().uptimeNanoseconds
                        _ = try state.call(chunk)
                        samples[variant.name, default: []].append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
                    }
                }
                return .success(samples.mapValues(median))
            } catch let error as LuaError {
                return .failure(BenchError(stage: "bridge", message: error.message))
            } catch {
                return .failure(BenchError(stage: "bridge", message: "\(error)"))
            }
        }
    }

    /// The median of `values` (NaN when empty).
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// Runs and returns the JSON report.
    static func report(calls: Int, repeats: Int, only: String? = nil) throws(BenchError) -> [String: Any] {
        let seconds = try run(calls: calls, repeats: repeats, only: only).get()
        let n = Double(calls)
        func ns(_ name: String) -> Double { (seconds[name] ?? .nan) / n * 1e9 }
        let empty = ns("empty_loop")
        var perCall: [String: Any] = [:]
        for (name, _) in seconds { perCall[name] = ns(name) }
        let hostLocal = ns("host_noop_local")
        let absLocal = ns("math_abs_local")
        let hostField = ns("host_noop_field")
        let absField = ns("math_abs_field")
        // A ratio whose variants did not run (`--only`) is null: JSON has no NaN.
        func ratio(_ value: Double) -> Any { value.isFinite ? value : NSNull() }
        return [
            "calls": calls,
            "repeats": repeats,
            "ns_per_iteration": perCall,
            "ratio_local": ratio(hostLocal / absLocal),
            "ratio_list_local": ratio(ns("host_noop_list_local") / absLocal),
            "ratio_field": ratio(hostField / absField),
            "ratio_local_minus_loop": ratio((hostLocal - empty) / (absLocal - empty)),
            "ratio_list_local_minus_loop": ratio((ns("host_noop_list_local") - empty) / (absLocal - empty)),
            "ratio_field_minus_loop": ratio((hostField - empty) / (absField - empty)),
        ]
    }
}
