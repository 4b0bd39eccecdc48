import ArgumentParser
import DeployRuntime
import Foundation
import LuaHost
import SparkDeployCore

/// Options every command that runs Lua shares.
struct RuntimeOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Recipes directory (default: $SPARKDEPLOY_RECIPES or ./recipes).", valueName: "dir"))
    var recipes: String?

    @Option(name: .long, help: "Output format: text (TTY), plain (CI), json.")
    var logFormat: String?

    @Option(name: .long, help: ArgumentHelp("Also write every log line to this file.", valueName: "path"))
    var logFile: String?

    @Flag(name: .shortAndLong, help: "More output (-v debug, -vv trace).")
    var verbose: Int

    @Flag(name: .shortAndLong, help: "Only warnings and errors.")
    var quiet = false

    @Option(name: .long, help: ArgumentHelp("Deadline for the whole run in seconds (exit 3 when exceeded).", valueName: "seconds"))
    var timeout: Double?

    @Option(name: .long, help: ArgumentHelp("Lua memory cap in MiB.", valueName: "MiB"))
    var memoryLimit: Int = 256

    @Option(name: .long, help: ArgumentHelp("ResourceManager URL(s), comma-separated for HA (default: $SPARKDEPLOY_YARN_URL, yarn-site.xml, or the EMR master).", valueName: "url"))
    var yarn: String?

    @Option(name: .long, help: ArgumentHelp("YARN simple-auth user (user.name).", valueName: "user"))
    var yarnUser: String?

    @Option(name: .long, help: ArgumentHelp("AWS region (default: $AWS_REGION, $AWS_DEFAULT_REGION, the profile).", valueName: "region"))
    var region: String?

    @Option(name: .long, help: ArgumentHelp("AWS profile from ~/.aws/config and credentials.", valueName: "name"))
    var profile: String?

    @Option(name: .long, help: ArgumentHelp("EMR endpoint URL (default: $AWS_ENDPOINT_URL_EMR, $AWS_ENDPOINT_URL).", valueName: "url"))
    var emrEndpoint: String?

    @Flag(name: .long, help: "Allow os.execute and io.popen in Lua.")
    var allowExec = false

    @Flag(name: .long, help: "Allow file access (io.open, dofile…) in Lua.")
    var allowFs = false

    func validate() throws {
        if let format = logFormat, LogFormat(rawValue: format) == nil {
            throw ValidationError("--log-format must be one of text, plain, json (got '\(format)')")
        }
        if let timeout, !(timeout > 0) { throw ValidationError("--timeout must be a positive number of seconds") }
        if memoryLimit < 1 { throw ValidationError("--memory-limit must be at least 1 MiB") }
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

    /// The run configuration these flags describe.
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
        let token = CancellationToken()
        Signals.cancelOnInterrupt(token)
        return RunConfiguration(
            catalog: RecipeCatalog(explicit: recipes, environment: environment), timeout: timeout,
            memoryLimit: memoryLimit << 20, dryRun: dryRun,
            sandbox: SandboxOptions(allowExec: allowExec, allowFileSystem: allowFs),
            log: makeLog(environment: environment, clock: clock), environment: environment, clock: clock,
            providers: providers, token: token)
    }
}
