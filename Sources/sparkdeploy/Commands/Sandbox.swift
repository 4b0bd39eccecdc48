import ArgumentParser
import ClusterSimulator
import DeployRuntime
import Foundation
import Rehearsal
import SparkDeployCore

/// `sparkdeploy sandbox`
struct Sandbox: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",  // spelled out: deriving it from the type name costs a reflection scan at every start
        abstract: "Serve the EMR + YARN simulator standalone, for the aws CLI, curl, boto3 or recipes.",
        discussion: """
            Prints one `export NAME=value` line per variable, then serves until Ctrl-C. A demo cluster \
            "streaming-prod" runs the streaming app "Aggregator" (with --scenario yarn-only: no EMR cluster, \
            Aggregator runs as a Livy batch; $SPARKDEPLOY_LIVY_URL is Livy's batch API); S3 (path-style, on the EMR port) has the bucket \
            "sparkdeploy-sandbox" for leases and journals. Binds to 127.0.0.1 only.

            Examples:
              sparkdeploy sandbox --port 4566 &
              eval "$(sparkdeploy sandbox --print-env --port 4566)"; aws emr list-clusters --endpoint-url "$AWS_ENDPOINT_URL_EMR"
              sparkdeploy sandbox --scenario rm-failover --list-scenarios
            """
    )

    @Option(help: "EMR port (YARN RMs, then Livy, use the next ports); 0 picks free ports.")
    var port: Int = 0

    @Option(help: ArgumentHelp("A shipped scenario name or a JSON scenario file.", valueName: "name|file"))
    var scenario: String?

    @Option(help: ArgumentHelp("Virtual seconds per wall second.", valueName: "rate"))
    var speed: Double = 1

    @Flag(help: "Only print the export lines for a sandbox on --port (does not start one).")
    var printEnv = false

    @Flag(help: "List the shipped scenarios and exit.")
    var listScenarios = false

    func run() throws {
        if listScenarios {
            for name in Scenario.shippedNames {
                let description = (try? Scenario.named(name))?.description ?? ""
                print("\(name)\t\(description)")
            }
            return
        }
        let scenario = try RehearsalCluster.scenario(self.scenario)
        if printEnv {
            guard port > 0 else { throw ValidationError("--print-env needs the --port the sandbox serves on") }
            let yarn = (0..<max(1, scenario.resourceManagers)).map { "http://127.0.0.1:\(port + 1 + $0)" }
            let livy = "http://127.0.0.1:\(RehearsalCluster.livyPort(emrPort: port, scenario: scenario))"
            printExports(emr: "http://127.0.0.1:\(port)", yarn: yarn, livy: livy)
            return
        }
        let clock = ScaledClock(rate: speed)
        let rehearsal = try RehearsalCluster.start(
            scenario: scenario, clock: clock, port: port,
            seed: RehearsalSeed(
                cluster: "streaming-prod", app: "Aggregator", mainClass: "com.acme.Aggregator",
                jar: "s3://sandbox-builds/aggregator-1.4.1.jar"))
        printExports(
            emr: rehearsal.simulator.emrEndpoint, yarn: rehearsal.simulator.yarnEndpoints, livy: rehearsal.simulator.livyEndpoint,
            clock: clock)
        print("# sandbox serving (scenario \(scenario.name)); Ctrl-C to stop")
        fflush(nil)
        let stop = DispatchSemaphore(value: 0)
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stop.signal() }
            source.resume()
            SandboxSignals.keep(source)
        }
        stop.wait()
        rehearsal.stop()
    }

    private func printExports(emr: String, yarn: [String], livy: String, clock: ScaledClock? = nil) {
        for (name, value) in RehearsalCluster.exports(emr: emr, yarn: yarn, livy: livy, clock: clock) {
            print("export \(name)=\(value)")
        }
    }
}

/// Keeps the signal sources alive for the life of the process.
enum SandboxSignals {
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []
    static func keep(_ source: any DispatchSourceSignal) { sources.append(source) }
}
