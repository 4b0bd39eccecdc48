/// Every option of `sparkdeploy exec`, declared once (``CommandLineOption``): its own, then the shared ones.
enum ExecOptions {
    static let expression = CommandLineOption<ExecRequest>.text(
        "expression", short: "e", valueName: "code",
        help: "Lua code to run."
    ) { $0.expression = $1 }
    static let dryRun = CommandLineOption<ExecRequest>.flag("dry-run", help: CommandOptionsHelp.dryRun) { $0.dryRun = true }
    static let output = CommandLineOption<ExecRequest>.text(
        "output", valueName: "format",
        help: "How returned values print on stdout: text (tab-separated) or json (one value, or an array of several)."
    ) { $0.output = $1 }

    /// The options only `exec` has.
    static let own = [expression, dryRun, output]
    /// Every option `exec` reads.
    static var all: [CommandLineOption<ExecRequest>] { own + SharedOptions.all.map { $0.lifted(\ExecRequest.shared) } }
    /// The options only `exec` has, by every spelling (the fast path finds the shared ones in ``SharedOptions``).
    static let ownBySpelling = CommandLineOption.bySpelling(own)
}

/// Every option of `sparkdeploy run`, declared once (``CommandLineOption``): its own, then the shared ones.
enum RunOptions {
    static let params = CommandLineOption<RunRequest>.texts("param", short: "p", valueName: "key=value", help: "A recipe param.") {
        $0.params.append($1)
    }
    static let paramsFile = CommandLineOption<RunRequest>.text(
        "params-file", valueName: "path",
        help: "Params from a JSON object or key=value lines."
    ) { $0.paramsFile = $1 }
    static let dryRun = CommandLineOption<RunRequest>.flag("dry-run", help: CommandOptionsHelp.dryRun) { $0.dryRun = true }
    static let target = CommandLineOption<RunRequest>.texts(
        "target", valueName: "params",
        help: "Fan out: one target's own params, e.g. 'cluster=a app=X' (repeatable; label=… names it)."
    ) { $0.targets.append($1) }
    static let targetsFile = CommandLineOption<RunRequest>.text(
        "targets", valueName: "path",
        help: "Fan out over the targets in a file: a JSON array of objects, or one 'k=v k=v' line per target."
    ) { $0.targetsFile = $1 }
    static let parallel = CommandLineOption<RunRequest>.number(
        "parallel", valueName: "n",
        help: "Fan out: targets run at the same time (default: all).", as: Int.self
    ) { $0.parallel = $1 }
    static let failFast = CommandLineOption<RunRequest>.flag("fail-fast", help: "Fan out: start no further target once one has failed.") {
        $0.failFast = true
    }
    static let resume = CommandLineOption<RunRequest>.flag(
        "resume",
        help: "An unfinished deploy under the same lease (its runner died): continue it as its journal records it, "
            + "even where the cluster disagrees."
    ) { $0.resume = true }
    static let abandon = CommandLineOption<RunRequest>.flag(
        "abandon", help: "An unfinished deploy under the same lease: set its journal aside and start from what the cluster shows."
    ) { $0.abandon = true }

    static let summaryFile = CommandLineOption<RunRequest>.texts(
        "summary-file", valueName: "path",
        help: "Also write the run summary to this file on every exit: Markdown (.md) or JSON (.json) by the extension "
            + "(repeatable, e.g. one of each)."
    ) { $0.summaryFiles.append($1) }

    /// The options only `run` has.
    static let own = [params, paramsFile, dryRun, target, targetsFile, parallel, failFast, resume, abandon, summaryFile]
    /// Every option `run` reads.
    static var all: [CommandLineOption<RunRequest>] { own + SharedOptions.all.map { $0.lifted(\RunRequest.shared) } }
    /// The options only `run` has, by every spelling (the fast path finds the shared ones in ``SharedOptions``).
    static let ownBySpelling = CommandLineOption.bySpelling(own)
}

/// Help both commands share.
enum CommandOptionsHelp {
    /// `--dry-run`.
    static let dryRun = "Reads are real; mutations are only logged."
}
