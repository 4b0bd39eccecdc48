/// The one declaration of every option `exec` and `run` share: ``RuntimeOptions`` and ``RehearsalFlags`` take
/// their names and help from these entries, and ``QuickCommandLine`` reads them through ``all``.
/// Defaults live in ``RuntimeSettings`` and ``RehearsalSettings``.
enum SharedOptions {
    // MARK: RuntimeOptions

    static let recipes = SharedOption.text("recipes", valueName: "dir",
                                           help: "Recipes directory (default: $SPARKDEPLOY_RECIPES or ./recipes).", \.runtime.recipes)
    static let logFormat = SharedOption.text("log-format", help: "Output format: text (TTY), plain (CI), json.", \.runtime.logFormat)
    static let logFile = SharedOption.text("log-file", valueName: "path", help: "Also write every log line to this file.", \.runtime.logFile)
    static let verbose = SharedOption(long: "verbose", short: "v", help: "More output (-v debug, -vv trace).", valueName: nil,
                                      store: .counter { $0.runtime.verbose += $1 })
    static let quiet = SharedOption.flag("quiet", short: "q", help: "Only warnings and errors.", \.runtime.quiet)
    static let timeout = SharedOption.number("timeout", valueName: "seconds",
                                             help: "Deadline for the whole run in seconds (exit 3 when exceeded).", \.runtime.timeout)
    static let memoryLimit = SharedOption.number("memory-limit", valueName: "MiB", help: "Lua memory cap in MiB.", \.runtime.memoryLimit)
    static let yarn = SharedOption.text("yarn", valueName: "url", help: "ResourceManager URL(s), comma-separated for HA "
                                        + "(default: $SPARKDEPLOY_YARN_URL, yarn-site.xml, or the EMR master).", \.runtime.yarn)
    static let yarnUser = SharedOption.text("yarn-user", valueName: "user", help: "YARN simple-auth user (user.name).", \.runtime.yarnUser)
    static let region = SharedOption.text("region", valueName: "region",
                                          help: "AWS region (default: $AWS_REGION, $AWS_DEFAULT_REGION, the profile).", \.runtime.region)
    static let profile = SharedOption.text("profile", valueName: "name", help: "AWS profile from ~/.aws/config and credentials.",
                                           \.runtime.profile)
    static let emrEndpoint = SharedOption.text("emr-endpoint", valueName: "url",
                                               help: "EMR endpoint URL (default: $AWS_ENDPOINT_URL_EMR, $AWS_ENDPOINT_URL).", \.runtime.emrEndpoint)
    static let lockStore = SharedOption.text("lock-store", valueName: "url", help: "Lease store s3://bucket/prefix: lock() also takes an "
                                             + "S3 lease every CI runner sees, and keeps a deploy journal next to it (default: $SPARKDEPLOY_LOCK_STORE).",
                                             \.runtime.lockStore)
    static let lockTTL = SharedOption.number("lock-ttl", valueName: "seconds",
                                             help: "Seconds a lease lives without renewal (default 300; renewed every ttl/3).", \.runtime.lockTTL)
    static let lockWait = SharedOption.number("lock-wait", valueName: "seconds",
                                              help: "Seconds to wait for a lease another run holds before refusing (default 0).", \.runtime.lockWait)
    static let allowExec = SharedOption.flag("allow-exec", help: "Allow os.execute and io.popen in Lua.", \.runtime.allowExec)
    static let allowFs = SharedOption.flag("allow-fs", help: "Allow file access (io.open, dofile…) in Lua.", \.runtime.allowFs)

    // MARK: RehearsalFlags

    static let sandbox = SharedOption.flag("sandbox", help: "Run against the built-in EMR + YARN simulator (nothing real is touched).",
                                           \.rehearsal.sandbox)
    static let scenario = SharedOption.text("scenario", valueName: "name|file",
                                            help: "Simulator scenario: a shipped name or a JSON file (implies --sandbox).", \.rehearsal.scenario)
    static let sandboxSpeed = SharedOption.number("sandbox-speed", valueName: "rate", help: "Virtual seconds per wall second in the sandbox.",
                                                  \.rehearsal.sandboxSpeed)
    static let seed = SharedOption(long: "seed", short: nil, help: "Seed the sandbox with the cluster and running app that -p cluster/app name.",
                                   valueName: nil, store: .invertible { $0.rehearsal.seed = $1 })

    /// Every shared option.
    static let all: [SharedOption] = [
        recipes, logFormat, logFile, verbose, quiet, timeout, memoryLimit, yarn, yarnUser, region, profile, emrEndpoint,
        lockStore, lockTTL, lockWait, allowExec, allowFs, sandbox, scenario, sandboxSpeed, seed,
    ]
}
