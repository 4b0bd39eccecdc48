/// How a run ended; maps one-to-one onto the CLI's exit codes.
public enum RunStatus: String, Sendable {
    /// Exit 0.
    case succeeded
    /// Exit 1: an error or `fail()` in the recipe.
    case failed
    /// Exit 2: unknown recipe, bad or missing params, syntax error.
    case usage
    /// Exit 3: the deadline passed.
    case deadlineExceeded = "deadline_exceeded"
    /// Exit 130: SIGINT or SIGTERM.
    case interrupted

    /// The process exit code.
    public var exitCode: Int32 {
        switch self {
        case .succeeded: return 0
        case .failed: return 1
        case .usage: return 2
        case .deadlineExceeded: return 3
        case .interrupted: return 130
        }
    }
}

/// The result of a run: status, the error (with file:line and traceback), stages and mutations.
public struct RunOutcome: Sendable {
    /// How it ended.
    public var status: RunStatus
    /// What was run (`redeploy-streaming`, `-e`, a file).
    public var subject: String
    /// The error message, when it did not succeed.
    public var error: String?
    /// The Lua traceback of the failure.
    public var traceback: String?
    /// Stages in order.
    public var stages: [StageRecord]
    /// The audit trail.
    public var mutations: [MutationRecord]
    /// Wall-clock duration in seconds.
    public var duration: Double
    /// Whether it was a dry run.
    public var dryRun: Bool
    /// Values the chunk returned (exec mode prints them).
    public var results: [String]
    /// The returned values as JSON: the value itself when one was returned, an array of several, nil for none.
    public var resultsJSON: String?
    /// What the recipe said of its outcome with `report(text)` (the `report:` section of the summary).
    public var report: [String] = []
    /// Why it failed, as the recipe reported it with `why{…}` (the `why:` section of the summary).
    public var why: [WhyReport] = []
    /// What runs now, as the recipe's `describe_now(fn)` said at the end of the run (the summary's
    /// last line, `now: …`; `now` in the JSON summary). Nil when the recipe registered nothing.
    public var now: String?
    /// Ids of what runs now, from the second value `describe_now(fn)`'s function returned (a table of
    /// strings, e.g. `{ app_id = "application_…", step_id = "s-…" }`; `now_fields` in the JSON summary).
    public var nowFields: [String: String] = [:]
    /// The recipe's params as the run saw them, rendered, secret ones masked (empty for `exec`).
    public var params: [String: String] = [:]
}

extension RunOutcome {
    /// A run refused before it started (exit 2): `error` says every problem.
    public static func refused(_ subject: String, error: String, dryRun: Bool, duration: Double = 0) -> RunOutcome {
        RunOutcome(
            status: .usage, subject: subject, error: error, traceback: nil, stages: [], mutations: [], duration: duration,
            dryRun: dryRun, results: [])
    }
}
