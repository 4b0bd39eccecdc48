import Foundation
import LuaHost
import SparkDeployCore

/// Runs recipes and ad-hoc code: one `lua_State` on one dedicated thread per run.
///
/// A recipe runs in two passes. First its `recipe{}` metadata is captured (the chunk stops
/// at `recipe{}`), and params are checked against it — every problem reported at once,
/// before any code with side effects runs. Then the chunk runs for real in a fresh state.
/// In both passes ``MetadataGate`` refuses every host call that could have an effect until
/// `recipe{}` has been called, so the first pass reaches nothing outside the process and the
/// code above `recipe{}` has nothing to repeat.
public enum RecipeRunner {
    /// Every host module a run gets: globals, log, json and the providers' modules.
    public static func modules(context: RunContext?, providers: [any ModuleProvider]) -> [HostModule] {
        var modules = GlobalsModule.modules(context)
        modules[0].functions += RuntimePrelude.documentation
        modules[0].records += RuntimePrelude.records
        for provider in providers { modules += provider.modules(context: context) }
        return modules
    }

    /// Reads a recipe's metadata without running its body (for `run`, `list`, `describe`, `check`).
    /// How long reading a recipe's metadata may take before it is given up (code above `recipe{}`
    /// that never ends would otherwise hang `check`, `list` and `describe`).
    static let metadataDeadline: Double = 5

    public static func metadata(of recipe: RecipeSource, configuration: RunConfiguration) -> Result<RecipeMetadata, RecipeProblems> {
        let path = recipe.displayPath
        guard let source = recipe.text() else {
            return .failure(RecipeProblems(problems: ["\(path): cannot be read"]))
        }
        let name = recipe.name
        return LuaThread.runBlocking(name: "sparkdeploy.metadata") {
            let context = makeContext(configuration, token: CancellationToken())
            context.metadataMode = true
            let state: LuaState
            do { state = try prepareState(configuration, context: context, awaitingRecipe: true) } catch {
                let error = LuaError.wrap(error)
                return .failure(RecipeProblems(problems: ["\(path): \(error.message)"]))
            }
            // Code above recipe{} can do nothing (MetadataGate) but it can spin: `check`, `list`
            // and `describe` must not hang on it.
            let canceller = state.canceller
            let deadline = DispatchSource.makeTimerSource(queue: .global())
            deadline.schedule(deadline: .now() + metadataDeadline)
            deadline.setEventHandler {
                canceller.cancel(message: "\(path): recipe{} was not reached within \(Int(metadataDeadline)) s")
            }
            deadline.resume()
            defer { deadline.cancel() }
            do {
                try state.run(source, chunkName: "@" + path, sandboxed: true)
            } catch {
                let error = LuaError.wrap(error)
                if error.fields?["code"] != .string("SparkDeployMetadataCaptured") {
                    let kind = error.kind == .syntax ? "" : " (while reading recipe{})"
                    return .failure(RecipeProblems(problems: [error.message + kind]))
                }
            }
            guard let table = context.capturedMetadata else {
                return .failure(RecipeProblems(problems: ["\(path): no recipe{} declaration (it must come before any other work)"]))
            }
            return MetadataReader.read(table, name: name, path: path, source: source)
        }
    }

    /// Runs recipe `name` with `-p` values `given`.
    public static func run(recipe name: String, given: [String: String], configuration: RunConfiguration) -> RunOutcome {
        switch prepare(recipe: name, given: given, configuration: configuration) {
        case .ready(let prepared): return run(prepared, configuration: configuration)
        case .refused(let notStarted): return notStarted
        }
    }

    /// Finds recipe `name`, reads its metadata and checks `given` against its params — everything
    /// that can refuse a run before it has any side effect. The failure is a `usage` outcome that
    /// lists every problem.
    public static func prepare(
        recipe name: String, given: [String: String],
        configuration: RunConfiguration
    ) -> RecipePreparation {
        let started = Date()
        func usage(_ message: String) -> RecipePreparation {
            .refused(.refused(name, error: message, dryRun: configuration.dryRun, duration: Date().timeIntervalSince(started)))
        }
        guard let recipe = configuration.catalog.recipe(named: name) else {
            let known = configuration.catalog.names()
            let hint = ParamsParser.closest(name, among: known).map { " (did you mean '\($0)'?)" } ?? ""
            return usage(
                "unknown recipe '\(name)'\(hint); recipes in \(configuration.catalog.searchedDescription): "
                    + (known.isEmpty ? "none" : known.joined(separator: ", ")))
        }
        let metadata: RecipeMetadata
        switch self.metadata(of: recipe, configuration: configuration) {
        case .success(let m): metadata = m
        case .failure(let problems): return usage(problems.description)
        }
        let params: [String: LuaValue]
        switch ParamsParser.resolve(given, declared: metadata.params) {
        case .success(let p): params = p
        case .failure(let problems):
            return usage("invalid params for \(metadata.name):\n  " + problems.problems.joined(separator: "\n  "))
        }
        guard let source = recipe.text() else { return usage("\(metadata.path): cannot be read") }
        let requireProblems = RequireCheck.problems(
            source: source, chunkName: metadata.path, library: recipe.library, memoryLimit: configuration.memoryLimit)
        if !requireProblems.isEmpty { return usage(requireProblems.joined(separator: "\n")) }
        return .ready(PreparedRecipe(metadata: metadata, params: params, source: source, library: recipe.library))
    }

    /// Runs a recipe that ``prepare(recipe:given:configuration:)`` accepted.
    public static func run(_ prepared: PreparedRecipe, configuration: RunConfiguration) -> RunOutcome {
        let metadata = prepared.metadata
        let params = prepared.params
        var configuration = configuration
        if configuration.timeout == nil { configuration.timeout = metadata.timeout }
        configuration.declaredParams = metadata.params.map(\.name)
        configuration.catalog.libraryOverride = prepared.library
        let secret = Set(metadata.params.filter(\.secret).map(\.name))
        var shown: [String: String] = [:]
        for (key, value) in params { shown[key] = secret.contains(key) ? Redactor.mask : GlobalsModule.render(value) }
        configuration.log.log(
            .info, "run started",
            fields: [
                "recipe": metadata.name, "dry_run": String(configuration.dryRun),
                "params": shown.keys.sorted().map { "\($0)=\(shown[$0] ?? "")" }.concatenated(separator: " "),
            ])
        let identity = RunIdentity(recipe: metadata.name, paramsDigest: RunIdentity.digest(of: params, secret: secret))
        var outcome = execute(
            source: prepared.source, chunkName: "@" + metadata.path, subject: metadata.name,
            globals: ["params": .map(params)], declaresRecipe: true, identity: identity,
            configuration: configuration)
        outcome.params = shown
        return outcome
    }

    /// Runs ad-hoc code (`exec -e`, a script file, one REPL line) with the modules loaded.
    public static func exec(source: String, chunkName: String, arguments: [String] = [], configuration: RunConfiguration) -> RunOutcome {
        let subject = chunkName.hasPrefix("@") ? String(chunkName.dropFirst()) : "exec"
        return execute(
            source: source, chunkName: chunkName, subject: subject,
            globals: ["params": .map([:]), "arg": .array(arguments)], declaresRecipe: false,
            identity: RunIdentity(recipe: subject, paramsDigest: RunIdentity.digest(of: [:], secret: [])),
            configuration: configuration)
    }

    static func makeContext(_ configuration: RunConfiguration, token: CancellationToken) -> RunContext {
        let context = RunContext(
            log: configuration.log, clock: configuration.clock, token: token, dryRun: configuration.dryRun,
            environment: configuration.environment, connection: configuration.connection,
            library: configuration.catalog.library,
            output: configuration.output)
        context.allowExec = configuration.sandbox.allowExec
        return context
    }

    /// A fresh state with the modules, the sandbox and the prelude. With `awaitingRecipe`, host
    /// calls that could have an effect refuse until the chunk calls `recipe{}`.
    static func prepareState(
        _ configuration: RunConfiguration, context: RunContext,
        awaitingRecipe: Bool = false
    ) throws(LuaError) -> LuaState {
        let state = try LuaState(memoryLimit: configuration.memoryLimit)
        let log = configuration.log
        state.warningHandler = { message in log.log(.warning, "lua warning", fields: ["warning": message]) }
        context.awaitingRecipe = awaitingRecipe
        for module in modules(context: context, providers: configuration.providers) {
            state.register(awaitingRecipe ? MetadataGate.guarded(module, context: context) : module)
        }
        try Sandbox.install(in: state, options: configuration.sandbox)
        try state.run(RuntimePrelude.source, chunkName: "=prelude")
        state.setSandboxGlobal("dry_run", .boolean(configuration.dryRun))
        return state
    }

    /// The shared body of `run` and `exec`: deadline, signals, the Lua thread, the outcome.
    /// `declaresRecipe`: the chunk is a recipe, whose `recipe{}` must come before any host call.
    static func execute(
        source: String, chunkName: String, subject: String, globals: [String: LuaValue],
        declaresRecipe: Bool, identity: RunIdentity, configuration: RunConfiguration
    ) -> RunOutcome {
        let started = Date()
        let token = configuration.token
        // A timer source, not asyncAfter: a cancelled source is released at once, while a
        // cancelled work item would stay queued (with the token) until its deadline.
        let deadline = configuration.timeout.map { seconds -> any DispatchSourceTimer in
            let timer = DispatchSource.makeTimerSource(queue: .global())
            timer.schedule(deadline: .now() + seconds)
            timer.setEventHandler { token.cancel(.deadline(seconds: seconds)) }
            timer.resume()
            return timer
        }
        defer { deadline?.cancel() }
        let box = OutcomeBox()
        let tracker = configuration.progress.begin(subject: subject, dryRun: configuration.dryRun)
        defer { tracker.end() }
        let watchdog = StuckRunWatchdog.arm(token: token, grace: configuration.stopGrace, tracker: tracker, box: box)
        defer { token.removeObserver(watchdog) }
        // After the run (even an abandoned one), a signal held for its critical section is released.
        let member = configuration.gate.register(token: token, log: configuration.log)
        defer { configuration.gate.unregister(member) }
        LuaThread.start(name: "sparkdeploy.run") {
            let context = makeContext(configuration, token: token)
            context.tracker = tracker
            context.identity = identity
            context.gate = (configuration.gate, member)
            var outcome = RunOutcome(
                status: .succeeded, subject: subject, error: nil, traceback: nil, stages: [], mutations: [],
                duration: 0, dryRun: configuration.dryRun, results: [])
            var prepared: LuaState?
            do {
                let state = try prepareState(configuration, context: context, awaitingRecipe: declaresRecipe)
                prepared = state
                let canceller = state.canceller
                let observer = token.onCancel { reason in canceller.cancel(message: reason.description) }
                defer { token.removeObserver(observer) }
                for (name, value) in globals { state.setSandboxGlobal(name, value) }
                if let declared = configuration.declaredParams { try StrictParams.install(in: state, declared: declared) }
                state.setSandboxGlobal("deploy_id", .string(identity.deployID))
                state.setSandboxGlobal("deploy_tag", .string(identity.tag))
                let results = try state.run(source, chunkName: chunkName, sandboxed: true)
                outcome.results = results.map(GlobalsModule.render)
                outcome.resultsJSON = try? JSONBridge.encode(
                    results.count == 1 ? results[0] : .table(LuaTable(sequence: results)), pretty: false)
                if let reason = token.reason {
                    // Cancelled while the last host call was returning: still a cancelled run.
                    outcome.status = status(for: reason)
                    outcome.error = reason.description
                }
            } catch {
                let error = LuaError.wrap(error)
                let recipeFile = String(chunkName.dropFirst())
                outcome.status = classify(error, token: token)
                // Where the error was first raised, when a stage saw it and it came out unchanged.
                let raisedAt = context.failureMessage == error.message ? context.failureTraceback : nil
                outcome.error =
                    error.kind == .syntax ? error.message : FailureText.message(of: error, recipeFile: recipeFile, raisedAt: raisedAt)
                // A deliberate fail("…") says all there is to say: no traceback.
                outcome.traceback = error.isDeliberate ? nil : context.failureTraceback ?? error.traceback
                if outcome.status == .deadlineExceeded || outcome.status == .interrupted, let reason = token.reason {
                    let stage = (context.currentStage ?? context.cancelledStage).map { " during stage '\($0)'" } ?? ""
                    let location = FailureText.location(of: error, recipeFile: recipeFile, raisedAt: raisedAt).map { " at \($0)" } ?? ""
                    outcome.error = "\(reason.description)\(stage)\(location)"
                }
            }
            context.closeOpenStages(outcome: .cancelled, error: outcome.error)
            // Every exit says what runs now, when the recipe registered how (describe_now).
            if let state = prepared, let now = NowLine.describe(state, context: context, box: box) {
                outcome.now = now.text
                outcome.nowFields = now.fields
            }
            // The lease is released and the journal closed on every path out of the run; a run cut short by a
            // deadline or a signal leaves its journal `stopped`, so the next run re-attaches to it.
            let stopped = outcome.status == .interrupted || outcome.status == .deadlineExceeded
            context.leases.finish(
                outcome: outcome.status.rawValue, journalState: stopped ? .stopped : .finished,
                error: outcome.error, seconds: 15)
            outcome.stages = context.stages
            outcome.mutations = context.mutations
            outcome.why = context.whyReports
            outcome.report = context.reportLines
            box.set(outcome)
        }
        var outcome = box.wait()
        outcome.duration = Date().timeIntervalSince(started)
        return outcome
    }

    static func status(for reason: CancellationReason) -> RunStatus {
        if case .deadline = reason { return .deadlineExceeded }
        return .interrupted
    }

    static func classify(_ error: LuaError, token: CancellationToken) -> RunStatus {
        if let reason = token.reason { return status(for: reason) }
        switch error.kind {
        case .syntax: return .usage
        case .cancelled: return .interrupted
        case .runtime, .memory, .host: return error.isRefusal ? .usage : .failed
        }
    }
}

/// A recipe whose params were checked and that is ready to run (``RecipeRunner/prepare(recipe:given:configuration:)``).
public struct PreparedRecipe: Sendable {
    /// The recipe's `recipe{}` declaration.
    public let metadata: RecipeMetadata
    /// The checked, typed params.
    public let params: [String: LuaValue]
    /// The recipe's source.
    public let source: String
    /// Where its `require`s resolve.
    public let library: ModuleLibrary
}

/// Whether a recipe may run: ready, or refused before any side effect (a `usage` outcome).
public enum RecipePreparation: Sendable {
    /// Found, metadata read, params checked.
    case ready(PreparedRecipe)
    /// Unknown recipe, unreadable metadata or bad params: every problem in the outcome's error.
    case refused(RunOutcome)
}

extension RecipeRunner {
    /// A Lua value as logs and summaries show it.
    public static func render(_ value: LuaValue) -> String { GlobalsModule.render(value) }
}
