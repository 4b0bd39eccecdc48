import Foundation
import SparkDeployCore

/// The parts of a `spark-submit` command line the simulator cares about, read with the shared
/// ``SparkSubmitCommand`` (as YARN sees them: tags trimmed and lower-cased, queue `default` unless set).
struct SparkSubmit: Sendable, Equatable {
    var name: String
    var mainClass: String?
    var jar: String?
    var tags: [String]
    var queue: String
    /// `spark.sql.streaming.checkpointLocation`: where a streaming build keeps its checkpoint.
    var checkpointLocation: String? = nil
    /// `spark.sparkdeploy.stopMarker`: the marker whose presence stops the query after its current batch.
    var stopMarker: String? = nil

    /// Reads the Args of a `command-runner.jar` step; `nil` unless it runs `spark-submit` (or a path to it).
    static func parse(jar: String, args: [String]) -> SparkSubmit? {
        let command = SparkSubmitCommand(args)
        guard jar.hasSuffix("command-runner.jar"), command.runsSparkSubmit(allowingPath: true) else { return nil }
        var name: String?
        var mainClass: String?
        var tags: [String] = []
        var queue = "default"
        var checkpointLocation: String?
        var stopMarker: String?
        for option in command.options {
            guard let value = option.value else { continue }
            if let property = option.property {
                guard !property.value.isEmpty else { continue }
                switch property.key {
                case "spark.yarn.tags":
                    tags = property.value.split(separator: ",")
                        .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
                case "spark.app.name": if name == nil { name = property.value }
                case "spark.yarn.queue": queue = property.value
                case "spark.sql.streaming.checkpointLocation": checkpointLocation = property.value
                case "spark.sparkdeploy.stopMarker": stopMarker = property.value
                default: break
                }
                continue
            }
            switch option.name {
            case "--name": name = value
            case "--class": mainClass = value
            case "--queue": queue = value
            default: break
            }
        }
        let appJar = command.application
        let fallback = mainClass ?? appJar.map { String($0.split(separator: "/").last ?? Substring($0)) } ?? "spark-app"
        return SparkSubmit(
            name: name ?? fallback, mainClass: mainClass, jar: appJar, tags: tags, queue: queue,
            checkpointLocation: checkpointLocation, stopMarker: stopMarker)
    }
}

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
