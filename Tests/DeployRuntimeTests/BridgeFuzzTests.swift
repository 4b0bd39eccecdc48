import DeployModules
import DeployRuntime
import Foundation
import LuaHost
import Testing

/// Property test over the whole Lua bridge: random values of every type, at random arity, into
/// every function the CLI registers (globals, log, json, lock, the prelude, `__host`, yarn, emr,
/// RM methods), against the in-process simulator in dry-run. Every call must return or raise a
/// string / error table naming the function; memory stays bounded; the state stays usable.
///
/// Reproduce a failure with `SPARKDEPLOY_FUZZ_SEED=<seed> swift test --filter BridgeFuzz`;
/// `SPARKDEPLOY_FUZZ_CALLS` changes the number of calls.
@Suite("Bridge fuzz", .serialized)
struct BridgeFuzzTests {
    static let providers: [any ModuleProvider] = [YARNModuleProvider(), EMRModuleProvider()]

    /// Functions whose error is, by design, the caller's own message (not naming the function).
    static let ownMessage: Set<String> = ["fail"]

    @Test("100k random calls into every registered function: no crash, errors name the function, memory bounded")
    func randomCalls() async throws {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["SPARKDEPLOY_FUZZ_SEED"].flatMap(Int64.init) ?? Int64(Date().timeIntervalSince1970 * 1000) & 0xFFFF_FFFF
        let total = environment["SPARKDEPLOY_FUZZ_CALLS"].flatMap(Int.init) ?? 100_000
        let started = Date()
        // The budget only bounds a runaway run: 100k calls take 15–25 s on a quiet 2-core machine but
        // over 55 s on a loaded one (debug build; the HTTP-bound functions dominate), and a run that
        // stops early fails. The watchdog behind it (budget + 60 s) catches a hung call.
        let report = await FuzzHarness.run(seed: seed, total: total, budget: 240, goodPercent: 60, heavyGoodPercent: 8)
        let seconds = Date().timeIntervalSince(started)
        let tag = "seed \(seed) (rerun: SPARKDEPLOY_FUZZ_SEED=\(seed))"
        try #require(report.setupError == nil, "\(tag): \(report.setupError ?? "")")

        let calls = report.int("calls")
        let slowest = report.functions.compactMap(\.tableValue)
            .sorted { ($0["time"].doubleValue ?? 0) > ($1["time"].doubleValue ?? 0) }.prefix(6)
            .map {
                "\($0["q"].stringValue ?? "?") \(String(format: "%.2fs", $0["time"].doubleValue ?? 0))/\($0["calls"].integerValue ?? 0)"
            }
        let never = report.functions.compactMap(\.tableValue)
            .filter { ($0["passed"].integerValue ?? 0) == 0 }.compactMap { $0["q"].stringValue }
        let mib = { (bytes: Double) in String(format: "%.1f MiB", bytes / 1_048_576) }
        let summary = """
            bridge fuzz \(tag): \(calls) calls to \(report.int("targets")) functions in \(String(format: "%.1f", report.double("seconds"))) s \
            (test \(String(format: "%.1f", seconds)) s); returned \(report.int("ok")), passed argument checks \(report.int("passed")), \
            argument errors \(report.int("arg")), other errors naming the function \(report.int("named")), from fuzz callbacks/metamethods \
            \(report.int("fuzz")), yielded \(report.int("yielded")), in coroutines \(report.int("coroutine")); \
            structured errors (code/kind) not the function's name \(report.int("coded")), \
            unnamed \(report.int("unnamed")) (+ \(report.int("prelude")) from the prelude's Lua functions), malformed \(report.int("bad")); slowest call \(String(format: "%.3f", report.double("maxCall"))) s \
            (\(report.stats["maxCallName"]?.stringValue ?? "")); Lua memory warm \(String(format: "%.0f", report.double("memWarm"))) KiB → end \
            \(String(format: "%.0f", report.double("memEnd"))) KiB; RSS start \(mib(Double(report.rssStart))) mid \(mib(report.double("rssMid"))) \
            end \(mib(report.double("rssEnd"))); most time: \(slowest.joined(separator: ", ")); never past argument checks: \
            \(never.isEmpty ? "none" : never.joined(separator: ", "))
            """
        print(summary)

        #expect(calls >= Int64(total), "\(tag): only \(calls) of \(total) calls ran within the budget")
        #expect(report.stats["stoppedEarly"] == nil, "\(tag): stopped at the time budget")
        #expect(
            report.int("bad") == 0, "\(tag): malformed errors:\n\(report.findings.filter { $0.hasPrefix("bad") }.joined(separator: "\n"))")
        let unnamed = report.findings.filter { $0.hasPrefix("unnamed") }
            .filter { finding in !Self.ownMessage.contains { finding.hasPrefix("unnamed \($0): ") } }
        #expect(unnamed.isEmpty, "\(tag): errors that do not name the function:\n\(unnamed.joined(separator: "\n"))")
        let prelude = report.findings.filter { $0.hasPrefix("prelude") }
        if !prelude.isEmpty {
            print("bridge fuzz: prelude errors that do not name the function (reported, not failed):\n" + prelude.joined(separator: "\n"))
        }
        let slow = report.findings.filter { $0.hasPrefix("slow") }
        #expect(slow.isEmpty, "\(tag): calls slower than 10 s:\n\(slow.joined(separator: "\n"))")
        #expect(report.double("maxCall") < 10, "\(tag): slowest call took \(report.double("maxCall")) s")
        #expect(report.int("passed") * 4 >= calls, "\(tag): too few calls reach the function bodies")
        let warm = report.double("memWarm")
        let end = report.double("memEnd")
        #expect(warm > 0 && end < warm * 2 + 4096, "\(tag): Lua memory grew from \(warm) KiB to \(end) KiB")
        let rssGrowth = report.double("rssEnd") - report.double("rssMid")
        #expect(rssGrowth < 64 * 1_048_576, "\(tag): RSS grew by \(mib(rssGrowth)) over the second half")
        #expect(report.afterwards == #"{"n":1,"ok":true}"#, "\(tag): state unusable afterwards: \(report.afterwards ?? "nil")")
    }
}
