/// The live status and heartbeat texts of the long waits (``WaitReporter``): what is awaited, how
/// long it has been, the last state seen.
public enum WaitText {
    /// A reporter's text, from what the wait has seen.
    public typealias Render = @Sendable (WaitReporter.Snapshot) -> String

    /// `rm:hold`: `holding RUNNING 30/60 s (application_…)`.
    public static func hold(_ app: String, state: String, seconds: Double) -> Render {
        { now in "holding \(state) \(whole(min(now.elapsed, seconds)))/\(whole(seconds)) s (\(app))" }
    }

    /// `rm:wait_app`: `waiting for app 'Aggregator' to be RUNNING: ACCEPTED for 12 s (timeout 600 s)`.
    public static func app(_ subject: String, wanted: String, timeout: Double) -> Render {
        { now in
            let seen = now.lastState.map { "\($0) for \(whole(now.elapsed)) s" } ?? "\(whole(now.elapsed)) s"
            return "waiting for \(subject) to be \(wanted): \(seen) (timeout \(whole(timeout)) s)"
        }
    }

    /// `rm:await_progress`: `waiting for application_… to complete 2 Spark jobs: 12/600 s`.
    public static func progress(_ app: String, batches: Int, timeout: Double) -> Render {
        { now in "waiting for \(app) to complete \(batches) Spark job\(batches == 1 ? "" : "s"): \(whole(now.elapsed))/\(whole(timeout)) s"
        }
    }

    /// `emr.wait_step`: `step s-… PENDING for 40 s: the cluster runs one step at a time … and s-… (Name) is RUNNING`.
    public static func step(_ id: String, wanted: String, timeout: Double) -> Render {
        { now in
            let head = "step \(id) \(now.lastState ?? "?") for \(whole(now.elapsed)) s"
            if now.lastState == "PENDING", let why = now.explanation { return "\(head): \(why)" }
            return "\(head) (waiting for \(wanted), timeout \(whole(timeout)) s)"
        }
    }

    /// Why a step waits: `the cluster runs one step at a time (StepConcurrencyLevel 1) and s-… (Name) is RUNNING`;
    /// nil when the running steps leave room for it.
    public static func blocked(level: Int, running: [(id: String, name: String)]) -> String? {
        guard !running.isEmpty, running.count >= level else { return nil }
        let runs = level == 1 ? "one step at a time" : "\(level) steps at a time"
        let shown = running.prefix(3).map { "\($0.id) (\($0.name))" }.joined(separator: ", ") + (running.count > 3 ? ", …" : "")
        return "the cluster runs \(runs) (StepConcurrencyLevel \(level)) and \(shown) \(running.count == 1 ? "is" : "are") RUNNING"
    }

    static func whole(_ seconds: Double) -> String { seconds.isFinite ? String(Int(seconds.rounded(.down))) : "?" }
}
