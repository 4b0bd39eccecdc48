import Foundation
import LuaHost
import SparkDeployCore

/// Everything that shapes one run, decided before the Lua thread starts.
public struct RunConfiguration: Sendable {
    /// The longest deadline a run may have (7 days): `--timeout` and `recipe{ timeout = … }`
    /// above it (or infinite, or not a number) are refused.
    public static let longestTimeout: Double = 7 * 86_400

    /// Where recipes and `recipes/lib` are.
    public var catalog: RecipeCatalog
    /// Wall-clock deadline in seconds (nil: the recipe's `timeout`, else none).
    public var timeout: Double?
    /// Lua memory cap in bytes (nil: none).
    public var memoryLimit: Int?
    /// Reads are real, mutations are only logged.
    public var dryRun: Bool
    /// Sandbox openings (`--allow-exec`, `--allow-fs`).
    public var sandbox: SandboxOptions
    /// Output.
    public var log: RunLog
    /// The process environment.
    public var environment: [String: String]
    /// How the clients reach YARN, EMR, S3 and the lock store, as the command line decided (the rest comes
    /// from ``environment``).
    public var connection = ConnectionSettings()
    /// The run clock (a ``ScaledClock`` in `--sandbox`).
    public var clock: any DeployClock
    /// Host modules beyond the globals (`yarn`, `emr`).
    public var providers: [any ModuleProvider]
    /// Where `print` goes.
    public var output: @Sendable (String) -> Void
    /// Cancelled by signals; the runner cancels it on the deadline.
    public var token: CancellationToken
    /// What the runs in progress have done so far, for a signal handler to print.
    public var progress = RunProgress()
    /// Where signals go instead of cancelling ``token`` directly, so that they wait for the end
    /// of an open critical section (`critical(what, fn)`); shared by every run of the process.
    public var gate = InterruptGate()
    /// Seconds a cancelled run's Lua code gets to stop (a `__gc` finalizer runs with hooks off
    /// and cannot be interrupted); after that the run is abandoned and returns what it did so far.
    public var stopGrace: Double = 2
    /// A recipe run's declared param names: its `params` table is strict (``StrictParams``); nil for `exec`.
    var declaredParams: [String]?

    /// Creates a configuration.
    public init(
        catalog: RecipeCatalog, timeout: Double? = nil, memoryLimit: Int? = 256 << 20, dryRun: Bool = false,
        sandbox: SandboxOptions = SandboxOptions(), log: RunLog, environment: [String: String],
        clock: any DeployClock = SystemClock(), providers: [any ModuleProvider] = [],
        output: @escaping @Sendable (String) -> Void = { FileHandle.standardOutput.write(text: $0) },
        token: CancellationToken = CancellationToken()
    ) {
        self.catalog = catalog
        self.timeout = timeout
        self.memoryLimit = memoryLimit
        self.dryRun = dryRun
        self.sandbox = sandbox
        self.log = log
        self.environment = environment
        self.clock = clock
        self.providers = providers
        self.output = output
        self.token = token
    }
}
