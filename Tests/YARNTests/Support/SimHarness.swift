import ClusterSimulator
import Logging
import SparkDeployCore
import Testing
import YARN

/// Starts a simulator on loopback (port 0) for one test, and stops it afterwards.
enum SimHarness {
    /// Virtual seconds per wall second: a 3 s kill takes ~0.1 s of wall time.
    static let rate = 30.0

    static func scenario(_ name: String) throws -> Scenario { try Scenario.named(name) }

    static func with<T: Sendable>(
        _ scenario: Scenario = .standard, rate: Double = SimHarness.rate,
        _ body: (Simulator) async throws -> T
    ) async throws -> T {
        let sim = try await Simulator.start(SimulatorOptions(clock: ScaledClock(rate: rate), scenario: scenario))
        do {
            let result = try await body(sim)
            await sim.stop()
            return result
        } catch {
            await sim.stop()
            throw error
        }
    }

    /// A client of every RM of `sim`, on the simulator's clock.
    static func client(
        _ sim: Simulator, auth: RMAuth = .anonymous, endpoints: [String]? = nil,
        retry: RMRetryPolicy = RMRetryPolicy(
            maxAttempts: 4, maxTotalSeconds: 60,
            backoff: Backoff(base: 0.5, cap: 4))
    )
        throws -> RMClient
    {
        var connection = try RMConnection(addresses: endpoints ?? sim.yarnEndpoints, auth: auth)
        connection.retry = retry
        connection.transport.connectTimeout = 2
        connection.transport.requestTimeout = 10
        var logger = Logger(label: "yarn-tests")
        logger.logLevel = .info
        return try RMClient(connection: connection, clock: sim.clock, logger: logger)
    }
}
