/// Every option of `sparkdeploy exec`, declared once (``CommandLineOption``): its own, then the shared ones.
enum ExecOptions {
    static let expression = CommandLineOption<ExecRequest>.text("expression", short: "e", valueName: "code", help: "Lua code to run.",
                                                                \.expression)
    static let dryRun = CommandLineOption<ExecRequest>.flag("dry-run", help: CommandOptionsHelp.dryRun, \.dryRun)

    /// The options only `exec` has.
    static let own = [expression, dryRun]
    /// Every option `exec` reads.
    static let all = own + SharedOptions.all.map { $0.lifted(\ExecRequest.shared) }
    /// Every option `exec` reads, by every spelling.
    static let bySpelling = CommandLineOption.bySpelling(all)
}

/// Every option of `sparkdeploy run`, declared once (``CommandLineOption``): its own, then the shared ones.
enum RunOptions {
    static let params = CommandLineOption<RunRequest>.texts("param", short: "p", valueName: "key=value", help: "A recipe param.", \.params)
    static let paramsFile = CommandLineOption<RunRequest>.text("params-file", valueName: "path",
                                                               help: "Params from a JSON object or key=value lines.", \.paramsFile)
    static let dryRun = CommandLineOption<RunRequest>.flag("dry-run", help: CommandOptionsHelp.dryRun, \.dryRun)
    static let target = CommandLineOption<RunRequest>.texts(
        "target", valueName: "params",
        help: "Fan out: one target's own params, e.g. 'cluster=a app=X' (repeatable; label=… names it).", \.targets)
    static let targetsFile = CommandLineOption<RunRequest>.text(
        "targets", valueName: "path",
        help: "Fan out over the targets in a file: a JSON array of objects, or one 'k=v k=v' line per target.", \.targetsFile)
    static let parallel = CommandLineOption<RunRequest>.number("parallel", valueName: "n",
                                                               help: "Fan out: targets run at the same time (default: all).", \.parallel)
    static let failFast = CommandLineOption<RunRequest>.flag("fail-fast", help: "Fan out: start no further target once one has failed.",
                                                             \.failFast)
    static let resume = CommandLineOption<RunRequest>.flag(
        "resume", help: "An unfinished deploy under the same lease (its runner died): continue it as its journal records it, "
            + "even where the cluster disagrees.", \.resume)
    static let abandon = CommandLineOption<RunRequest>.flag(
        "abandon", help: "An unfinished deploy under the same lease: set its journal aside and start from what the cluster shows.",
        \.abandon)

    /// The options only `run` has.
    static let own = [params, paramsFile, dryRun, target, targetsFile, parallel, failFast, resume, abandon]
    /// Every option `run` reads.
    static let all = own + SharedOptions.all.map { $0.lifted(\RunRequest.shared) }
    /// Every option `run` reads, by every spelling.
    static let bySpelling = CommandLineOption.bySpelling(all)
}

/// Help both commands share.
enum CommandOptionsHelp {
    /// `--dry-run`.
    static let dryRun = "Reads are real; mutations are only logged."
}
