import Foundation
import SparkDeployCore

// sparkdeploy-bench bridge [--calls N] [--repeats R] [--only VARIANT] [--out FILE]
// sparkdeploy-bench detect [--trials N] [--out FILE]
// sparkdeploy-bench redact [--mb N] [--repeats R] [--out FILE]

let arguments = Array(CommandLine.arguments.dropFirst())

func option(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}

let out = option("--out")
do {
    switch arguments.first {
    case "bridge":
        let calls = option("--calls").flatMap(Int.init) ?? 1_000_000
        let repeats = option("--repeats").flatMap(Int.init) ?? 5
        try JSONOutput.write(try BridgeBenchmark.report(calls: calls, repeats: repeats, only: option("--only")), to: out)
    case "detect":
        let trials = option("--trials").flatMap(Int.init) ?? 30
        // The schedule the shipped waiters use, and only it: the report pools its samples.
        let schedules: [(String, AdaptivePoll)] = [("default", AdaptivePoll())]
        try JSONOutput.write(try await DetectionLatency.report(trials: trials, schedules: schedules), to: out)
    case "redact":
        let megabytes = option("--mb").flatMap(Int.init) ?? 64
        let repeats = option("--repeats").flatMap(Int.init) ?? 5
        try JSONOutput.write(RedactionBenchmark.report(megabytes: megabytes, repeats: repeats), to: out)
    default:
        FileHandle.standardError.write(Data("usage: sparkdeploy-bench bridge|detect|redact [--out FILE]\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("sparkdeploy-bench: \(error)\n".utf8))
    exit(1)
}
