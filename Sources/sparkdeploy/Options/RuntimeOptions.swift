import ArgumentParser

/// Options every command that runs Lua shares, as ArgumentParser declares them (values: ``RuntimeSettings``).
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

    @Option(name: .long, help: ArgumentHelp("Lease store s3://bucket/prefix: lock() also takes an S3 lease every CI runner sees, and keeps a deploy journal next to it (default: $SPARKDEPLOY_LOCK_STORE).", valueName: "url"))
    var lockStore: String?

    @Option(name: .customLong("lock-ttl"), help: ArgumentHelp("Seconds a lease lives without renewal (default 300; renewed every ttl/3).", valueName: "seconds"))
    var lockTTL: Double?

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for a lease another run holds before refusing (default 0).", valueName: "seconds"))
    var lockWait: Double?

    @Flag(name: .long, help: "Allow os.execute and io.popen in Lua.")
    var allowExec = false

    @Flag(name: .long, help: "Allow file access (io.open, dofile…) in Lua.")
    var allowFs = false

    func validate() throws {
        if let problem = settings.problem { throw ValidationError(problem) }
    }

    /// The parsed values.
    var settings: RuntimeSettings {
        RuntimeSettings(recipes: recipes, logFormat: logFormat, logFile: logFile, verbose: verbose, quiet: quiet,
                        timeout: timeout, memoryLimit: memoryLimit, yarn: yarn, yarnUser: yarnUser, region: region,
                        profile: profile, emrEndpoint: emrEndpoint, allowExec: allowExec, allowFs: allowFs,
                        lockStore: lockStore, lockTTL: lockTTL, lockWait: lockWait)
    }
}
