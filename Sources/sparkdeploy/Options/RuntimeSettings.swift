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
        let lease: [(flag: String, variable: String, value: String?)] = [
            ("--lock-store", "SPARKDEPLOY_LOCK_STORE", lockStore), ("--lock-ttl", "SPARKDEPLOY_LOCK_TTL", lockTTL.map { "\($0)" }),
            ("--lock-wait", "SPARKDEPLOY_LOCK_WAIT", lockWait.map { "\($0)" }),
        ]
        for option in lease {
            guard let value = option.value, let problem = LeaseOptions.problem(environment: [option.variable: value]) else { continue }
            return "\(option.flag): " + problem.replacingOccurrences(of: option.variable, with: option.flag)
        }
        return nil
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
        let configuration = LogConfiguration(format: format, level: level, filePath: logFile,
                                             githubGroups: environment["GITHUB_ACTIONS"] == "true")
        return RunLog(configuration: configuration, clock: clock)
    }

    /// The run configuration these settings describe.
    func makeConfiguration(dryRun: Bool = false, clock: any DeployClock = SystemClock(),
                           providers: [any ModuleProvider] = DefaultProviders.all) -> RunConfiguration {
        var environment = ProcessInfo.processInfo.environment
        Redactor.shared.registerSecrets(fromEnvironment: environment)
        // Flags win over the environment; the clients read these variables.
        if let yarn { environment["SPARKDEPLOY_YARN_URL"] = yarn }
        if let yarnUser { environment["SPARKDEPLOY_YARN_USER"] = yarnUser }
        if let region { environment["AWS_REGION"] = region }
        if let profile { environment["AWS_PROFILE"] = profile }
        if let emrEndpoint { environment["AWS_ENDPOINT_URL_EMR"] = emrEndpoint }
        if let lockStore { environment["SPARKDEPLOY_LOCK_STORE"] = lockStore }
        if let lockTTL { environment["SPARKDEPLOY_LOCK_TTL"] = "\(lockTTL)" }
        if let lockWait { environment["SPARKDEPLOY_LOCK_WAIT"] = "\(lockWait)" }
        let token = CancellationToken()
        let log = makeLog(environment: environment, clock: clock)
        let configuration = RunConfiguration(
            catalog: RecipeCatalog(explicit: recipes, environment: environment), timeout: timeout,
            memoryLimit: memoryLimit << 20, dryRun: dryRun,
            sandbox: SandboxOptions(allowExec: allowExec, allowFileSystem: allowFs),
            log: log, environment: environment, clock: clock,
            providers: providers, token: token)
        Signals.cancelOnInterrupt(token, gate: configuration.gate, progress: configuration.progress, log: log)
        return configuration
    }
}
