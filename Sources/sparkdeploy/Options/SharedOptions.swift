/// The one declaration of every option `exec` and `run` share: ``RuntimeOptions`` and ``RehearsalFlags`` take
/// their names and help from these entries, and ``QuickCommandLine`` reads them through ``bySpelling``.
/// Defaults live in ``RuntimeSettings`` and ``RehearsalSettings``.
enum SharedOptions {
    // MARK: RuntimeOptions

    static let recipes = SharedOption.text(
        "recipes", valueName: "dir",
        help: "Recipes directory (default: $SPARKDEPLOY_RECIPES, else the nearest recipes/ upwards); built-in recipes fill in by name."
    ) { $0.runtime.recipes = $1 }
    static let logFormat = SharedOption.text("log-format", help: "Output format: text (TTY), plain (CI), json.") {
        $0.runtime.logFormat = $1
    }
    static let logFile = SharedOption.text(
        "log-file", valueName: "path",
        help: "Also write every log line to this file."
    ) { $0.runtime.logFile = $1 }
    static let verbose = SharedOption(
        long: "verbose", short: "v", help: "More output (-v debug, -vv trace).", valueName: nil,
        store: .counter { $0.runtime.verbose += $1 })
    static let quiet = SharedOption.flag("quiet", short: "q", help: "Only warnings and errors.") { $0.runtime.quiet = true }
    static let timeout = SharedOption.number(
        "timeout", valueName: "seconds", help: "Deadline for the whole run in seconds (exit 3 when exceeded).", as: Double.self
    ) { $0.runtime.timeout = $1 }
    static let memoryLimit = SharedOption.number(
        "memory-limit", valueName: "MiB", help: "Lua memory cap in MiB.",
        as: Int.self
    ) { $0.runtime.memoryLimit = $1 }
    static let yarn = SharedOption.text(
        "yarn", valueName: "url",
        help: "ResourceManager URL(s), comma-separated for HA "
            + "(default: $SPARKDEPLOY_YARN_URL, yarn-site.xml, or the EMR master)."
    ) { $0.runtime.yarn = $1 }
    static let yarnUser = SharedOption.text(
        "yarn-user", valueName: "user",
        help: "YARN simple-auth user (user.name)."
    ) { $0.runtime.yarnUser = $1 }
    static let webhdfs = SharedOption.text(
        "webhdfs", valueName: "url",
        help: "WebHDFS base URL(s) of the NameNodes for hdfs:// checkpoints, comma-separated for HA "
            + "(default: $SPARKDEPLOY_WEBHDFS_URL, or http://<host of the hdfs:// URI>:9870)."
    ) { $0.runtime.webhdfs = $1 }
    static let livy = SharedOption.text(
        "livy", valueName: "url",
        help: "Apache Livy server URL for livy.server() (default: $SPARKDEPLOY_LIVY_URL); "
            + "user:password@ in it is sent as HTTP Basic and never logged."
    ) { $0.runtime.livy = $1 }
    static let region = SharedOption.text(
        "region", valueName: "region", help: "AWS region (default: $AWS_REGION, $AWS_DEFAULT_REGION, the profile)."
    ) { $0.runtime.region = $1 }
    static let profile = SharedOption.text(
        "profile", valueName: "name",
        help: "AWS profile from ~/.aws/config and credentials."
    ) { $0.runtime.profile = $1 }
    static let emrEndpoint = SharedOption.text(
        "emr-endpoint", valueName: "url", help: "EMR endpoint URL (default: $AWS_ENDPOINT_URL_EMR, $AWS_ENDPOINT_URL)."
    ) { $0.runtime.emrEndpoint = $1 }
    static let lockStore = SharedOption.text(
        "lock-store", valueName: "url",
        help: "Lease store s3://bucket/prefix: lock() also takes an S3 lease every CI runner sees, "
            + "and keeps a deploy journal next to it (default: $SPARKDEPLOY_LOCK_STORE)."
    ) { $0.runtime.lockStore = $1 }
    static let lockTTL = SharedOption.number(
        "lock-ttl", valueName: "seconds", help: "Seconds a lease lives without renewal (default 300; renewed every ttl/3).", as: Double.self
    ) { $0.runtime.lockTTL = $1 }
    static let lockWait = SharedOption.number(
        "lock-wait", valueName: "seconds", help: "Seconds to wait for a lease another run holds before refusing (default 0).",
        as: Double.self
    ) { $0.runtime.lockWait = $1 }
    static let allowExec = SharedOption.flag(
        "allow-exec", help: "Allow exec.run in Lua (logged, audited, dry-run aware; os.execute and io.popen stay closed)."
    ) { $0.runtime.allowExec = true }
    static let allowFs = SharedOption.flag("allow-fs", help: "Allow file access (io.open, dofile…) in Lua.") { $0.runtime.allowFs = true }

    // MARK: RehearsalFlags

    static let sandbox = SharedOption.flag(
        "sandbox", help: "Run against the built-in EMR + YARN simulator (nothing real is touched)."
    ) { $0.rehearsal.sandbox = true }
    static let scenario = SharedOption.text(
        "scenario", valueName: "name|file", help: "Simulator scenario: a shipped name or a JSON file (implies --sandbox)."
    ) { $0.rehearsal.scenario = $1 }
    static let sandboxSpeed = SharedOption.number(
        "sandbox-speed", valueName: "rate", help: "Virtual seconds per wall second in the sandbox.", as: Double.self
    ) { $0.rehearsal.sandboxSpeed = $1 }
    static let seed = SharedOption(
        long: "seed", short: nil, help: "Seed the sandbox with the cluster and running app that -p cluster/app name.",
        valueName: nil, store: .invertible { $0.rehearsal.seed = $1 })

    /// Every shared option.
    static let all: [SharedOption] = [
        recipes, logFormat, logFile, verbose, quiet, timeout, memoryLimit, yarn, yarnUser, webhdfs, livy, region, profile, emrEndpoint,
        lockStore, lockTTL, lockWait, allowExec, allowFs, sandbox, scenario, sandboxSpeed, seed,
    ]

    /// Every shared option by every spelling.
    static let bySpelling = SharedOption.bySpelling(all)
}
