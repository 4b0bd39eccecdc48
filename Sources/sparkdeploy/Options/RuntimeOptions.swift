import ArgumentParser

/// Options every command that runs Lua shares, as ArgumentParser declares them: names and help from
/// ``SharedOptions``, defaults from ``RuntimeSettings`` (values: ``RuntimeSettings``).
struct RuntimeOptions: ParsableArguments {
    @Option(name: SharedOptions.recipes.names, help: SharedOptions.recipes.argumentHelp, completion: .directory)
    var recipes: String?

    @Option(name: SharedOptions.logFormat.names, help: SharedOptions.logFormat.argumentHelp)
    var logFormat: String?

    @Option(name: SharedOptions.logFile.names, help: SharedOptions.logFile.argumentHelp)
    var logFile: String?

    @Flag(name: SharedOptions.verbose.names, help: SharedOptions.verbose.argumentHelp)
    var verbose: Int

    @Flag(name: SharedOptions.quiet.names, help: SharedOptions.quiet.argumentHelp)
    var quiet = RuntimeSettings().quiet

    @Option(name: SharedOptions.timeout.names, help: SharedOptions.timeout.argumentHelp)
    var timeout: Double?

    @Option(name: SharedOptions.memoryLimit.names, help: SharedOptions.memoryLimit.argumentHelp)
    var memoryLimit: Int = RuntimeSettings().memoryLimit

    @Option(name: SharedOptions.yarn.names, help: SharedOptions.yarn.argumentHelp)
    var yarn: String?

    @Option(name: SharedOptions.yarnUser.names, help: SharedOptions.yarnUser.argumentHelp)
    var yarnUser: String?

    @Option(name: SharedOptions.webhdfs.names, help: SharedOptions.webhdfs.argumentHelp)
    var webhdfs: String?

    @Option(name: SharedOptions.livy.names, help: SharedOptions.livy.argumentHelp)
    var livy: String?

    @Option(name: SharedOptions.region.names, help: SharedOptions.region.argumentHelp)
    var region: String?

    @Option(name: SharedOptions.profile.names, help: SharedOptions.profile.argumentHelp)
    var profile: String?

    @Option(name: SharedOptions.emrEndpoint.names, help: SharedOptions.emrEndpoint.argumentHelp)
    var emrEndpoint: String?

    @Option(name: SharedOptions.lockStore.names, help: SharedOptions.lockStore.argumentHelp)
    var lockStore: String?

    @Option(name: SharedOptions.lockTTL.names, help: SharedOptions.lockTTL.argumentHelp)
    var lockTTL: Double?

    @Option(name: SharedOptions.lockWait.names, help: SharedOptions.lockWait.argumentHelp)
    var lockWait: Double?

    @Flag(name: SharedOptions.allowExec.names, help: SharedOptions.allowExec.argumentHelp)
    var allowExec = RuntimeSettings().allowExec

    @Flag(name: SharedOptions.allowFs.names, help: SharedOptions.allowFs.argumentHelp)
    var allowFs = RuntimeSettings().allowFs

    func validate() throws {
        if let problem = settings.problem { throw ValidationError(problem) }
    }

    /// The parsed values.
    var settings: RuntimeSettings {
        RuntimeSettings(
            recipes: recipes, logFormat: logFormat, logFile: logFile, verbose: verbose, quiet: quiet,
            timeout: timeout, memoryLimit: memoryLimit, yarn: yarn, yarnUser: yarnUser, webhdfs: webhdfs, livy: livy, region: region,
            profile: profile, emrEndpoint: emrEndpoint, allowExec: allowExec, allowFs: allowFs,
            lockStore: lockStore, lockTTL: lockTTL, lockWait: lockWait)
    }
}
