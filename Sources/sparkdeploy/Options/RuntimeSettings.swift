import DeployRuntime
import Foundation
import LuaHost
import SparkDeployCore

/// The options every Lua-running command shares, as plain values.
///
/// Both parsers produce it: ArgumentParser (through ``RuntimeOptions``) and the start-up fast path
/// (``QuickCommandLine``), so a run is configured by the same code whichever parsed it.
struct RuntimeSettings: Equatable, Sendable {
    /// `--recipes`: the recipes directory.
    var recipes: String?
    /// `--log-format`: text, plain or json.
    var logFormat: String?
    /// `--log-file`: every log line is also written here.
    var logFile: String?
    /// `-v` count: 1 debug, 2 or more trace.
    var verbose = 0
    /// `-q`: only warnings and errors.
    var quiet = false
    /// `--timeout`: the whole run's deadline in seconds.
    var timeout: Double?
    /// `--memory-limit`: the Lua memory cap in MiB.
    var memoryLimit = 256
    /// `--yarn`: ResourceManager URL(s).
    var yarn: String?
    /// `--yarn-user`: YARN simple-auth user.
    var yarnUser: String?
    /// `--webhdfs`: WebHDFS base URL(s) for `hdfs://` checkpoints.
    var webhdfs: String?
    /// `--livy`: the Livy server URL.
    var livy: String?
    /// `--region`: AWS region.
    var region: String?
    /// `--profile`: AWS profile.
    var profile: String?
    /// `--emr-endpoint`: EMR endpoint URL.
    var emrEndpoint: String?
    /// `--allow-exec`: os.execute and io.popen in Lua.
    var allowExec = false
    /// `--allow-fs`: file access in Lua.
    var allowFs = false
    /// `--lock-store`: `s3://bucket/prefix` for leases every runner sees.
    var lockStore: String?
    /// `--lock-ttl`: seconds a lease lives without renewal.
    var lockTTL: Double?
    /// `--lock-wait`: seconds to wait for a held lease.
    var lockWait: Double?

    /// What is wrong with these values, in the words of a usage error, or nil.
    var problem: String? {
        if let format = logFormat, LogFormat(rawValue: format) == nil {
            return "--log-format must be one of text, plain, json (got '\(format)')"
        }
        if let timeout, !(timeout > 0 && timeout <= RunConfiguration.longestTimeout) {
            return "--timeout must be a number of seconds above 0 and at most \(Int(RunConfiguration.longestTimeout)) (7 days), "
                + "got \(timeout)"
        }
        if memoryLimit < 1 { return "--memory-limit must be at least 1 MiB" }
        return connection.lease.problem
    }

    /// How the run's clients connect, as these flags say (what they leave nil comes from the environment).
    var connection: ConnectionSettings {
        var connection = ConnectionSettings()
        connection.yarnURLs = yarn
        connection.yarnUser = yarnUser
        connection.webhdfsURLs = webhdfs
        connection.livyURL = livy
        connection.aws = AWSConnectionSettings(region: region, profile: profile, emrEndpoint: emrEndpoint)
        connection.lease = LeaseConfiguration(store: lockStore, ttl: lockTTL, wait: lockWait)
        return connection
    }

    /// Builds the run's log from the flags and the environment (TTY, CI, GitHub Actions).
    func makeLog(environment: [String: String], clock: any DeployClock = SystemClock()) -> RunLog {
        let format: LogFormat
        if let explicit = logFormat.flatMap(LogFormat.init(rawValue:)) {
            format = explicit
        } else {
            format = isatty(STDERR_FILENO) == 1 && environment["CI"] == nil ? .text : .plain
        }
        let level: LogLevel = quiet ? .warning : verbose >= 2 ? .trace : verbose == 1 ? .debug : .info
        let configuration = LogConfiguration(
            format: format, level: level, filePath: logFile,
            githubGroups: environment["GITHUB_ACTIONS"] == "true")
        return RunLog(configuration: configuration, clock: clock)
    }

    /// The run configuration these settings describe. With `routeSignals` false, SIGINT and SIGTERM are left
    /// to the caller (the REPL, where Ctrl-C stops one chunk and never the process).
    func makeConfiguration(
        dryRun: Bool = false, clock: any DeployClock = SystemClock(),
        providers: [any ModuleProvider] = DefaultProviders.all, routeSignals: Bool = true
    ) -> RunConfiguration {
        let environment = ProcessEnvironment.current()
        Redactor.shared.registerSecrets(fromEnvironment: environment)
        // Against a standalone sandbox that exported its clock, waits and now() run on its virtual time.
        var clock = clock
        if clock is SystemClock, let text = environment[SandboxClock.variable], let sandbox = SandboxClock(text: text) {
            clock = sandbox.makeClock()
        }
        let token = CancellationToken()
        let log = makeLog(environment: environment, clock: clock)
        var configuration = RunConfiguration(
            catalog: RecipeCatalog(explicit: recipes, environment: environment, embedded: .shipped), timeout: timeout,
            memoryLimit: memoryLimit << 20, dryRun: dryRun,
            sandbox: SandboxOptions(allowExec: allowExec, allowFileSystem: allowFs),
            log: log, environment: environment, clock: clock,
            providers: providers, token: token)
        configuration.connection = connection  // flags win over the environment, which the clients read for the rest
        if routeSignals {
            Signals.cancelOnInterrupt(token, gate: configuration.gate, progress: configuration.progress, log: log)
        }
        return configuration
    }
}
