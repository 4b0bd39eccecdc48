import Foundation

/// One target of a fan-out run: the params that differ from the shared `-p` values, and a label
/// that names the target in every log line and in the summary.
public struct FanOutTarget: Sendable, Equatable {
    /// Shown as `[label]` before each of the target's log lines.
    public var label: String
    /// This target's own params; they win over the shared ones.
    public var params: [String: String]

    /// Creates a target; without a label, it is the target's param values joined by `/`:
    /// `cluster`, then `app`, then the other keys in order (`streaming-a/Aggregator`).
    public init(label: String? = nil, params: [String: String]) {
        self.params = params
        let keys = ["cluster", "app"].filter { params[$0] != nil } + params.keys.sorted().filter { $0 != "cluster" && $0 != "app" }
        self.label = label ?? keys.compactMap { params[$0] }.joined(separator: "/")
    }

    /// The params a target's run gets: `shared`, overridden by the target's own.
    public func merged(with shared: [String: String]) -> [String: String] {
        shared.merging(params) { _, own in own }
    }
}

/// Reads fan-out targets from `--target 'k=v k=v'` flags and `--targets FILE`.
public enum FanOutTargets {
    /// Parses one `--target` value: `key=value` pairs separated by spaces or commas; the key
    /// `label` names the target instead of being a param.
    public static func parse(_ text: String, origin: String) -> (target: FanOutTarget?, problems: [String]) {
        let pairs = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init)
        let (values, problems) = ParamsParser.split(pairs)
        if !problems.isEmpty { return (nil, problems.map { "\(origin): \($0.replacingOccurrences(of: "-p ", with: ""))" }) }
        if values.isEmpty { return (nil, ["\(origin): empty target (expected key=value pairs)"]) }
        return (target(from: values), [])
    }

    /// Reads a targets file: a JSON array of objects (`[{"cluster": "a", "app": "X"}, …]`), or one
    /// target per line as `key=value` pairs (`#` comments and blank lines skipped).
    public static func readFile(_ path: String) -> (targets: [FanOutTarget], problems: [String]) {
        guard let data = FileManager.default.contents(atPath: path) else { return ([], ["--targets \(path): cannot be read"]) }
        let text = String(decoding: data, as: UTF8.self)
        if text.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("[") {
            guard let objects = try? JSONDecoder().decode([[String: ParamFileValue]].self, from: data) else {
                return ([], ["--targets \(path): not a JSON array of objects of strings, numbers, booleans or lists"])
            }
            var problems: [String] = []
            var targets: [FanOutTarget] = []
            for (index, object) in objects.enumerated() {
                if object.isEmpty {
                    problems.append("--targets \(path): target #\(index + 1) is empty")
                } else {
                    targets.append(target(from: object.mapValues(\.text)))
                }
            }
            return (targets, problems)
        }
        var targets: [FanOutTarget] = []
        var problems: [String] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let (target, lineProblems) = parse(trimmed, origin: "--targets \(path):\(number + 1)")
            if let target { targets.append(target) }
            problems += lineProblems
        }
        return (targets, problems)
    }

    /// Labels must tell targets apart; duplicates are a usage problem (two runs would log as one).
    public static func duplicateLabels(_ targets: [FanOutTarget]) -> [String] {
        var seen: [String: Int] = [:]
        for target in targets { seen[target.label, default: 0] += 1 }
        return seen.filter { $0.value > 1 }.keys.sorted().map { "target '\($0)' is given \(seen[$0] ?? 0) times" }
    }

    private static func target(from values: [String: String]) -> FanOutTarget {
        var params = values
        let label = params.removeValue(forKey: "label")
        return FanOutTarget(label: label, params: params)
    }
}
