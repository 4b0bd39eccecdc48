import ClusterSimulator
import Foundation
import LuaHost
import Rehearsal
import SparkDeployCore
import Synchronization

@testable import DeployRuntime

/// Sets up one run exactly as the CLI does (same modules, sandbox, prelude) against the
/// in-process simulator in dry-run, and drives ``FuzzChunk`` in it on a dedicated Lua thread.
enum FuzzHarness {
    /// What one fuzz run measured.
    struct Report: Sendable {
        var seed: Int64
        var stats: [String: LuaValue] = [:]
        var functions: [LuaValue] = []
        var findings: [String] = []
        var setupError: String?
        var afterwards: String?
        var luaWarnings = 0
        var rssStart = 0

        func int(_ key: String) -> Int64 { stats[key]?.integerValue ?? 0 }
        func double(_ key: String) -> Double { stats[key]?.doubleValue ?? 0 }
    }

    /// The process's resident set size in bytes (from /proc/self/statm; 0 when unreadable).
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Probes the chunk reads: wall time and RSS. Registered after the sandbox is built, so only
    /// the registry (not recipes) sees it, and it is not itself fuzzed.
    static func probe() -> HostModule {
        HostModule(
            name: "__fuzz", doc: "",
            functions: [
                HostFunction(FunctionSpec(module: "__fuzz", name: "wall", returns: "number", doc: "")) { _ in
                    [.number(Date().timeIntervalSince1970)]
                },
                HostFunction(FunctionSpec(module: "__fuzz", name: "rss", returns: "integer", doc: "")) { _ in
                    [.integer(Int64(residentBytes()))]
                },
            ])
    }

    /// Runs `total` calls (or until `budget` seconds pass) with `seed`.
    static func run(seed: Int64, total: Int, budget: Double, goodPercent: Int, heavyGoodPercent: Int) async -> Report {
        await LuaThread.run(name: "sparkdeploy.fuzz") { () -> Report in
            var report = Report(seed: seed)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bridge-fuzz-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let lib = directory.appendingPathComponent("lib")
            try? FileManager.default.createDirectory(at: lib, withIntermediateDirectories: true)
            try? Data("return { answer = 42 }\n".utf8).write(to: lib.appendingPathComponent("fuzzlib.lua"))
            try? Data("error('FUZZ-lib')\n".utf8).write(to: lib.appendingPathComponent("fuzzbad.lua"))
            try? Data("return (".utf8).write(to: lib.appendingPathComponent("fuzzsyntax.lua"))
            let spec = directory.appendingPathComponent("cluster.json")
            try? Data(#"{"Name":"fuzz","ReleaseLabel":"emr-7.1.0","Instances":{"InstanceCount":1}}"#.utf8).write(to: spec)
            let notJSON = directory.appendingPathComponent("bad.json")
            try? Data("{not json".utf8).write(to: notJSON)

            let clock = ScaledClock(rate: 5_000)
            let sandbox: RehearsalCluster
            do {
                sandbox = try RehearsalCluster.start(
                    scenario: .standard, clock: clock,
                    seed: RehearsalSeed(cluster: "fuzz-cluster", app: "FuzzApp"))
            } catch {
                report.setupError = "simulator: \(error)"
                return report
            }
            defer { sandbox.stop() }
            let appId = sandbox.snapshot()?.apps.first?.id ?? "application_0_0001"

            let environment = ["SPARKDEPLOY_LOCK_DIR": directory.appendingPathComponent("locks").path]
            let lines = Atomic<Int>(0)
            let log = RunLog(
                configuration: LogConfiguration(format: .plain, level: .info), clock: clock,
                sink: { _ in lines.add(1, ordering: .relaxed) })
            let token = CancellationToken()
            var configuration = RunConfiguration(
                catalog: RecipeCatalog(explicit: directory.path, environment: [:]), memoryLimit: 512 << 20, dryRun: true,
                log: log, environment: environment, clock: clock, providers: BridgeFuzzTests.providers,
                output: { _ in lines.add(1, ordering: .relaxed) }, token: token)
            configuration.rehearse(on: sandbox, clock: clock)
            let context = RecipeRunner.makeContext(configuration, token: token)
            let state: LuaState
            do {
                state = try RecipeRunner.prepareState(configuration, context: context)
            } catch {
                report.setupError = "state: \(LuaError.wrap(error).message)"
                return report
            }
            let warnings = Atomic<Int>(0)
            state.warningHandler = { _ in warnings.add(1, ordering: .relaxed) }
            state.register(probe())
            // Hang guard: a call that never returns is cancelled (and the test fails) well after the budget.
            let canceller = state.canceller
            token.onCancel { reason in canceller.cancel(message: reason.description) }
            let watchdog = DispatchWorkItem { token.cancel(.other("bridge fuzz watchdog: no progress within the budget")) }
            DispatchQueue.global().asyncAfter(deadline: .now() + budget + 60, execute: watchdog)
            defer { watchdog.cancel() }

            let descriptors = FuzzRegistry.descriptors(RecipeRunner.modules(context: nil, providers: BridgeFuzzTests.providers))
            let config: LuaValue = .map([
                "total": .integer(Int64(total)), "budget": .number(budget), "slowCall": .number(10),
                "goodPercent": .integer(Int64(goodPercent)), "heavyGoodPercent": .integer(Int64(heavyGoodPercent)),
                "clusterId": .string(sandbox.clusterId ?? "j-NOPE"), "appName": "FuzzApp", "appId": .string(appId),
                // No refused address here: AsyncHTTPClient retries a refused connection until the connect
                // timeout (5 s), so a "fail fast" RM is not fast (reported; see the suite's doc).
                "urls": .array(sandbox.simulator.yarnEndpoints + ["not a url", "ftp://127.0.0.1:1/x"]),
                "locks": .array(["fuzz-a", "fuzz-b", "fuzz.c", ""]),
                "libs": .array(["fuzzlib", "fuzzbad", "fuzzsyntax", "missing", "../etc/passwd", "a..b"]),
                "paths": .array([spec.path, notJSON.path, directory.path, directory.appendingPathComponent("missing.json").path, ""]),
            ])
            report.rssStart = residentBytes()
            do {
                let results = try state.run(FuzzChunk.source, chunkName: "@fuzz.lua", arguments: [.integer(seed), descriptors, config])
                let stats = results.first?.tableValue ?? LuaTable()
                for key in stats.stringKeys { report.stats[key] = stats[key] }
                report.functions = stats["functions"].tableValue?.sequence ?? []
                report.findings = stats["findings"].tableValue?.sequence.compactMap(\.stringValue) ?? []
            } catch {
                let failure = LuaError.wrap(error)
                let current = (try? state.run("return debug.getregistry()['fuzz.current']", chunkName: "=probe"))?.first?.stringValue
                report.setupError = "the fuzz chunk itself failed during \(current ?? "?"): \(failure.message)\n\(failure.traceback ?? "")"
            }
            // The state is still usable: a trivial sandboxed call works.
            do {
                let out = try state.run("return json.encode({ ok = true, n = 1 })", chunkName: "@after.lua", sandboxed: true)
                report.afterwards = out.first?.stringValue
            } catch {
                report.afterwards = "error: \(LuaError.wrap(error).message)"
            }
            report.luaWarnings = warnings.load(ordering: .relaxed)
            return report
        }
    }
}
