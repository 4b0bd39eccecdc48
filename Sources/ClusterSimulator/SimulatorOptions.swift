import Logging
import SparkDeployCore

/// How to start a ``Simulator``. Every property has a default.
public struct SimulatorOptions: Sendable {
    /// Shared virtual time; lifecycles are written in this clock's seconds. Default `ScaledClock(rate: 1)`.
    public var clock: ScaledClock
    /// The world to simulate. Default ``Scenario/standard``.
    public var scenario: Scenario
    /// Interface to bind; only loopback is accepted (127.0.0.0/8, ::1, localhost). Default "127.0.0.1".
    public var host: String
    /// EMR port; 0 (default) picks a free port.
    public var emrPort: Int
    /// One port per RM; empty (default) picks free ports. When given, its count must equal the scenario's RM count.
    public var yarnPorts: [Int]
    /// The Livy server's port; 0 (default) picks a free port.
    public var livyPort: Int
    /// Logger for the HTTP servers. Default: a logger at `.critical` (server shutdown cancels idle keep-alive
    /// connections, which HummingbirdCore reports at `.error`).
    public var logger: Logger

    /// Creates options.
    /// - Parameters:
    ///   - clock: shared virtual time.
    ///   - scenario: the world to simulate.
    ///   - host: a loopback address or `localhost`.
    ///   - emrPort: EMR port, 0 for any.
    ///   - yarnPorts: RM ports, empty for any.
    ///   - livyPort: the Livy port, 0 for any.
    ///   - logger: logger for the servers.
    public init(
        clock: ScaledClock = ScaledClock(rate: 1), scenario: Scenario = .standard, host: String = "127.0.0.1",
        emrPort: Int = 0, yarnPorts: [Int] = [], livyPort: Int = 0, logger: Logger? = nil
    ) {
        self.clock = clock
        self.scenario = scenario
        self.host = host
        self.emrPort = emrPort
        self.yarnPorts = yarnPorts
        self.livyPort = livyPort
        if let logger {
            self.logger = logger
        } else {
            var l = Logger(label: "sparkdeploy.simulator")
            l.logLevel = .critical
            self.logger = l
        }
    }

    /// True when `host` names a loopback interface.
    static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { UInt8($0) != nil }
    }
}
