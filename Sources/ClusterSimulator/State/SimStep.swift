/// The parts of a `spark-submit` command line the simulator cares about.
struct SparkSubmit: Sendable, Equatable {
    var name: String
    var mainClass: String?
    var jar: String?
    var tags: [String]
    var queue: String

    /// Parses the Args of a `command-runner.jar` step; `nil` unless it is `spark-submit …`.
    static func parse(jar: String, args: [String]) -> SparkSubmit? {
        guard jar.hasSuffix("command-runner.jar"), let first = args.first, first == "spark-submit"
            || first.hasSuffix("/spark-submit")
        else { return nil }
        var name: String?
        var mainClass: String?
        var appJar: String?
        var tags: [String] = []
        var queue = "default"
        var i = 1
        let valued: Set<String> = [
            "--deploy-mode", "--master", "--name", "--class", "--conf", "-c", "--jars", "--packages", "--files",
            "--py-files", "--driver-memory", "--executor-memory", "--executor-cores", "--num-executors",
            "--queue", "--properties-file", "--driver-cores", "--archives", "--driver-java-options",
            "--driver-class-path", "--exclude-packages", "--repositories", "--principal", "--keytab",
            "--total-executor-cores", "--proxy-user",
        ]
        func applyConf(_ kv: String) {
            let parts = kv.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return }
            switch parts[0] {
            case "spark.yarn.tags": tags = parts[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
            case "spark.app.name": if name == nil { name = parts[1] }
            case "spark.yarn.queue": queue = parts[1]
            default: break
            }
        }
        while i < args.count {
            let a = args[i]
            if a.hasPrefix("--") && a.contains("=") {
                let parts = a.split(separator: "=", maxSplits: 1).map(String.init)
                if parts[0] == "--conf" { applyConf(parts[1]) }
                if parts[0] == "--name" { name = parts[1] }
                if parts[0] == "--class" { mainClass = parts[1] }
                if parts[0] == "--queue" { queue = parts[1] }
                i += 1
                continue
            }
            if valued.contains(a), i + 1 < args.count {
                let v = args[i + 1]
                switch a {
                case "--name": name = v
                case "--class": mainClass = v
                case "--queue": queue = v
                case "--conf", "-c": applyConf(v)
                default: break
                }
                i += 2
                continue
            }
            if a.hasPrefix("-") { i += 1; continue }
            appJar = a
            break
        }
        let fallback = mainClass ?? appJar.map { String($0.split(separator: "/").last ?? Substring($0)) } ?? "spark-app"
        return SparkSubmit(name: name ?? fallback, mainClass: mainClass, jar: appJar, tags: tags, queue: queue)
    }
}

import Foundation

/// An EMR step in the coupled model.
struct SimStep: Sendable {
    var id: String
    var clusterId: String
    var name: String
    var actionOnFailure: String
    var jar: String
    var mainClass: String?
    var args: [String]
    var properties: [(String, String)]
    var executionRoleArn: String?
    var state: String
    var reasonMessage: String?
    var failureReason: String?
    var failureMessage: String?
    var created: Double
    var started: Double?
    var ended: Double?
    /// When set on a PENDING step: the moment it starts RUNNING.
    var startAt: Double?
    /// When set: the moment the step reaches `endState`.
    var endAt: Double?
    var endState: String?
    var appId: String?
    var spark: SparkSubmit?
    var seq: Int

    /// The states a step leaves again; every other state (COMPLETED, CANCELLED, FAILED, INTERRUPTED) is final.
    static let liveStates: Set<String> = ["PENDING", "RUNNING", "CANCEL_PENDING"]

    var isTerminal: Bool { !Self.liveStates.contains(state) }
}
