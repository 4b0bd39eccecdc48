import Foundation
import LuaHost
import SparkDeployCore

/// Everything one recipe run shares between its host functions. Lives on the run's Lua thread.
public final class RunContext {
    /// Where lines go.
    public let log: RunLog
    /// The run's clock (virtual in `--sandbox`).
    public let clock: any DeployClock
    /// Cancelled by the deadline or a signal (a fresh token for the epilogue after the run, ``NowLine``,
    /// and for each evaluation of a REPL session).
    public internal(set) var token: CancellationToken
    /// Whether mutations are only logged.
    public let dryRun: Bool
    /// The process environment (as `env()` sees it).
    public let environment: [String: String]
    /// How the clients reach YARN, EMR, S3 and the lock store, beyond what ``environment`` says.
    public let connection: ConnectionSettings
    /// Writes recipe `print` output (stdout).
    public let output: @Sendable (String) -> Void
    /// Where `require` resolves (`recipes/lib`, then the embedded `lib/`).
    public let library: ModuleLibrary?
    /// Stages in order.
    public private(set) var stages: [StageRecord] = []
    /// Mutations performed (or planned in dry-run), in order.
    public private(set) var mutations: [MutationRecord] = []
    /// Lines the recipe added to the summary with `report(text)`, in order.
    public internal(set) var reportLines: [String] = []
    /// What the recipe reported with `why{…}`, in order.
    public internal(set) var whyReports: [WhyReport] = []
    /// Metadata captured by `recipe{}` in metadata mode.
    var capturedMetadata: LuaTable?
    /// Whether `recipe{}` stops the chunk after capturing its metadata.
    var metadataMode = false
    /// Whether the recipe has yet to call `recipe{}`: until it does, only pure host functions
    /// answer (``MetadataGate``).
    var awaitingRecipe = false
    /// The original traceback of the first failure inside a stage (the rethrow loses it).
    public private(set) var failureTraceback: String?
    /// The error of the first failure inside a stage, as the stage saw it (with ``failureTraceback``).
    public private(set) var failureMessage: String?
    /// Where stages and mutations are mirrored for other threads (signals, the stuck-run watchdog).
    var tracker: RunProgress.Tracker?
    /// Where this run's critical sections are tracked, and its id there (nil outside a run).
    var gate: (gate: InterruptGate, id: Int)?
    /// Whether `exec.run` may run processes (`--allow-exec`).
    public internal(set) var allowExec = false
    /// What `describe_now(fn)` registered: called at every exit to say what runs now (``NowLine``).
    var describeNow: LuaFunctionRef?
    /// Live objects handed to Lua (connections), by handle.
    var objects: [Int: AnyObject] = [:]
    private var nextHandle = 1
    /// When the run started, in clock time.
    public let startedAt: Double
    /// Who this run is: its deploy id (journal name, YARN tag), recipe and params digest.
    public internal(set) var identity: RunIdentity
    /// The S3 leases this run holds and its deploy journal.
    let leases = RunLeases()

    /// Creates a context.
    public init(
        log: RunLog, clock: any DeployClock, token: CancellationToken, dryRun: Bool, environment: [String: String],
        connection: ConnectionSettings = ConnectionSettings(), library: ModuleLibrary?,
        output: @escaping @Sendable (String) -> Void
    ) {
        self.log = log
        self.clock = clock
        self.token = token
        self.dryRun = dryRun
        self.environment = environment
        self.connection = connection
        self.library = library
        self.output = output
        self.startedAt = clock.now()
        self.identity = RunIdentity(recipe: "exec", paramsDigest: RunIdentity.digest(of: [:], secret: []))
    }

    /// The names of the stages begun so far, in order.
    var stageNamesSoFar: [String] { stages.map(\.name) }

    /// The innermost running stage, if any.
    public var currentStage: String? { stages.last { $0.outcome == .running }?.name }

    /// The innermost stage a cancellation stopped, once one has (kept after the stage closed).
    public private(set) var cancelledStage: String?

    func beginStage(_ name: String) {
        stages.append(
            StageRecord(
                name: name, startedAt: clock.now(), duration: 0, outcome: .running, error: nil,
                wallStartedAt: Date().timeIntervalSince1970))
        publishProgress()
        if let journal = leases.journal { _ = BudgetedCall.run(seconds: 15) { await journal.stageBegan(name) } }
        if log.configuration.githubGroups { log.write("::group::\(name)") }
        log.log(.info, "stage started", fields: ["stage": name])
    }

    func endStage(_ name: String, outcome: StageOutcome, error: String?, traceback: String?) {
        guard let index = stages.lastIndex(where: { $0.name == name && $0.outcome == .running }) else { return }
        stages[index].finish(clock: clock)
        stages[index].outcome = outcome
        // A short form: the whole error is printed once, above the summary.
        stages[index].error = error.map(FailureText.short)
        if outcome == .cancelled, cancelledStage == nil { cancelledStage = name }
        if outcome != .succeeded, failureTraceback == nil, let traceback {
            failureTraceback = traceback
            failureMessage = error
        }
        publishProgress()
        var fields = ["stage": name, "duration": DecimalText.fixed(stages[index].duration, digits: 2) + "s"]
        if let virtual = stages[index].virtualDuration { fields["simulated"] = DecimalText.fixed(virtual, digits: 1) + "s" }
        // The error is printed once, above the summary (text, plain); JSON records keep it as a field.
        if let error = stages[index].error, log.configuration.format == .json { fields["error"] = error }
        // Not an error yet: the recipe may recover (a rollback).
        log.log(outcome == .succeeded ? .info : .warning, "stage \(outcome.rawValue)", fields: fields)
        if log.configuration.githubGroups { log.write("::endgroup::") }
    }

    /// Marks every stage still running as cancelled (the run was stopped mid-stage).
    func closeOpenStages(outcome: StageOutcome, error: String?) {
        for index in stages.indices where stages[index].outcome == .running {
            stages[index].finish(clock: clock)
            stages[index].outcome = outcome
            stages[index].error = error.map(FailureText.short)
        }
        publishProgress()
    }

    /// `critical(what, fn)` began: signals wait until the outermost section ends.
    func enterCritical(_ what: String) {
        guard let gate else { return }
        gate.gate.enter(gate.id, what)
        tracker?.critical(gate.gate.sections(of: gate.id))
        log.log(.debug, "critical section started", fields: ["critical": what])
    }

    /// The innermost `critical` ended; a signal held back for it now cancels the run.
    func leaveCritical(_ what: String) {
        guard let gate else { return }
        gate.gate.leave(gate.id)
        tracker?.critical(gate.gate.sections(of: gate.id))
        log.log(.debug, "critical section ended", fields: ["critical": what])
    }

    private func publishProgress() { tracker?.update(stages: stages, mutations: mutations) }

    /// Logs a line from Lua (`log.*`, the prelude): fields rendered as text, tagged with the
    /// current stage unless the caller gave a `stage` field of its own.
    func logFromLua(_ level: LogLevel, _ message: String, fields table: LuaTable) {
        guard log.isEnabled(level) else { return }
        var fields: [String: String] = [:]
        var typed: [String: String] = [:]
        for (key, value) in table.fields {
            fields[key.description] = GlobalsModule.render(value)
            switch value {
            case .string, .bytes, .nil: break
            default:
                // JSON logs keep the value's type: a number, a boolean, an array or an object.
                if log.configuration.format == .json, let json = try? JSONBridge.encode(value, pretty: false) {
                    typed[key.description] = json
                }
            }
        }
        if let stage = currentStage, fields["stage"] == nil { fields["stage"] = stage }
        log.log(level, message, fields: fields, typed: typed)
    }

    /// Records a mutation for the audit trail and logs it ("would …" in dry-run), before it happens; with a
    /// deploy journal, the journal records it first. Returns the journal entry's index for
    /// ``mutationEnded(_:result:error:)`` (nil without a journal).
    @discardableResult
    public func recordMutation(_ action: String, target: String, details: String = "") -> Int? {
        mutations.append(
            MutationRecord(
                time: clock.now(), action: action, target: target, details: details, dryRun: dryRun,
                stage: currentStage))
        publishProgress()
        var fields = ["action": action, "target": target]
        if !details.isEmpty { fields["details"] = details }
        log.log(.info, dryRun ? "dry-run: would \(action)" : "mutation \(action)", fields: fields)
        guard !dryRun, let journal = leases.journal else { return nil }
        let stage = currentStage
        return BudgetedCall.run(seconds: 15) {
            await journal.mutationBegan(action: action, target: target, details: details, stage: stage)
        }
    }

    /// Records in the deploy journal how the mutation `entry` (from ``recordMutation(_:target:details:)``)
    /// ended: its result (a step id, the app's final state) or its error.
    public func mutationEnded(_ entry: Int?, result: String? = nil, error: String? = nil) {
        guard let entry, let journal = leases.journal else { return }
        _ = BudgetedCall.run(seconds: 15) { await journal.mutationEnded(entry, result: result, failed: error) }
    }

    /// Keeps `object` alive for Lua and returns its handle.
    public func store(_ object: AnyObject) -> Int {
        let handle = nextHandle
        nextHandle += 1
        objects[handle] = object
        return handle
    }

    /// The object behind `handle`, if it is a `T`.
    public func object<T: AnyObject>(_ handle: Int, as type: T.Type) -> T? { objects[handle] as? T }

    /// Blocks the Lua thread on async work, honouring cancellation; errors become ``HostError``s.
    public func await<T: Sendable>(_ what: String, _ work: @escaping @Sendable () async throws -> T) throws -> T {
        switch BlockingBridge.run(token: token, work) {
        case .success(let value): return value
        case .failure(let error): throw error
        case .cancelled(let reason): throw HostError(kind: .cancelled, message: "\(what): \(reason)")
        }
    }

    /// Sleeps on the run clock; throws a cancellation error if the run is stopped meanwhile.
    public func sleep(_ seconds: Double) throws(HostError) {
        if !clock.blockingSleep(seconds: seconds, token: token) || token.isCancelled {
            throw HostError(kind: .cancelled, message: token.reason?.description ?? "cancelled")
        }
    }
}
