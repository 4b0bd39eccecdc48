import AWSCore
import DeployRuntime
import EMR
import Foundation
import Logging
import LuaHost
import SparkDeployCore

/// The `emr` Lua module: clusters, steps (Spark steps built and parsed), cancellation,
/// cluster lifecycle and waiters, over the EMR JSON 1.1 API.
public struct EMRModuleProvider: ModuleProvider {
    /// Creates the provider.
    public init() {}

    /// The `emr` module.
    public func modules(context: RunContext?) -> [HostModule] {
        let session = EMRSession(context: context)
        let cluster = ParamSpec("cluster", .oneOf([.table, .string]), doc: "a cluster from emr.cluster() or a j-… id")
        func fn(
            _ name: String, _ params: [ParamSpec], returns: String, doc: String, mutates: Bool = false,
            _ body: @escaping (EMRSession, EMRClient, HostCall) throws -> HostResults
        ) -> HostFunction {
            HostFunction(FunctionSpec(module: "emr", name: name, params: params, returns: returns, doc: doc, mutates: mutates)) { call in
                guard let client = try session.client() else { return [] }
                return try body(session, client, call)
            }
        }
        let functions: [HostFunction] = [
            fn(
                "clusters", [ParamSpec("filter", .record("ClusterFilter"), optional: true)], returns: "table[]",
                doc: "Clusters (default: active ones), newest first, all pages."
            ) { s, emr, call in
                let o = try call.options(1)
                let states = try (o.strings("states") ?? ClusterState.active.map(\.rawValue)).map { ClusterState(rawValue: $0) }
                let after = try o.number("created_after")
                let name = try o.string("name")
                let list = try s.run("emr.clusters") { log in try await emr.listClusters(states: states, createdAfter: after, logger: log) }
                return [.array(list.filter { name == nil || $0.name.hasSameBytes(as: name) }.map(EMRConversions.table))]
            },
            fn(
                "cluster", [ParamSpec("id_or_name", .string)], returns: "Cluster",
                doc: "One cluster by id, or by exact name among active clusters (ambiguous or missing names are errors listing ids)."
            ) { s, emr, call in
                let key = try call.string(1)
                return [EMRConversions.table(try s.resolveCluster(key, emr))]
            },
            fn("master_dns", [cluster], returns: "string", doc: "The master node's public DNS name.") { s, emr, call in
                let id = try EMRConversions.clusterID(call.value(1), function: "emr.master_dns")
                let c = try s.run("emr.master_dns") { log in try await emr.describeCluster(id, logger: log) }
                return [.optional(c.masterPublicDnsName)]
            },
            fn(
                "steps", [cluster, ParamSpec("filter", .record("StepFilter"), optional: true)], returns: "Step[]",
                doc: "Steps, newest first (all pages); Spark steps carry a parsed `spark` table (jar, class, args, conf)."
            ) { s, emr, call in
                let id = try EMRConversions.clusterID(call.value(1), function: "emr.steps")
                let o = try call.options(2)
                let states = try (o.strings("states") ?? []).map { StepState(rawValue: $0) }
                let ids = try o.strings("ids") ?? []
                let name = try o.string("name")
                let steps = try s.run("emr.steps") { log in
                    try await emr.listSteps(clusterId: id, states: states, stepIds: ids, logger: log)
                }
                return [.array(steps.filter { name == nil || $0.name.hasSameBytes(as: name) }.map(EMRConversions.table))]
            },
            fn("step", [cluster, ParamSpec("id", .string)], returns: "Step", doc: "One step.") { s, emr, call in
                let id = try EMRConversions.clusterID(call.value(1), function: "emr.step")
                let stepId = try call.string(2)
                return [
                    EMRConversions.table(
                        try s.run("emr.step") { log in try await emr.describeStep(clusterId: id, stepId: stepId, logger: log) })
                ]
            },
            fn(
                "add_step", [cluster, ParamSpec("spec", .record("StepSpec"))], returns: "Step",
                doc: "Adds a custom JAR step (not retried blindly: an ambiguous failure is checked first).", mutates: true
            ) { s, emr, call in
                let id = try EMRConversions.clusterID(call.value(1), function: "emr.add_step")
                let o = try call.options(2)
                let name = try o.string("name") ?? ""
                let config = StepConfig(
                    name: name, actionOnFailure: try EMRSession.actionOnFailure(o, function: "emr.add_step"),
                    hadoopJarStep: HadoopJarStepConfig(
                        jar: try o.string("jar") ?? "", mainClass: try o.string("class"),
                        args: try o.strings("args") ?? []))
                return [try s.addStep(id, config, emr: emr, details: "jar=\(config.hadoopJarStep.jar)")]
            },
            fn(
                "add_spark_step", [cluster, ParamSpec("spec", .record("SparkStepSpec"))], returns: "Step",
                doc: "Adds a command-runner.jar spark-submit step (cluster deploy mode, ActionOnFailure CONTINUE by default).",
                mutates: true
            ) { s, emr, call in
                let id = try EMRConversions.clusterID(call.value(1), function: "emr.add_spark_step")
                let o = try call.options(2)
                guard let application = try o.string("jar") ?? o.string("py") else {
                    throw HostError.field("emr.add_spark_step", index: 2, name: "spec", field: "jar", problem: "is required (or py)")
                }
                var conf: [String: String] = [:]
                if let table = try o.table("conf") {
                    for key in table.stringKeys { conf[key] = GlobalsModule.render(table[key]) }
                }
                let spec = SparkStepSpec(
                    name: try o.string("name") ?? "", application: application, mainClass: try o.string("class"),
                    args: try o.strings("args") ?? [], conf: conf, deployMode: try o.string("deploy_mode") ?? "cluster",
                    actionOnFailure: try EMRSession.actionOnFailure(o, function: "emr.add_spark_step"),
                    tags: EMRSession.withDeployTag(try o.strings("tags") ?? [], context: s.context))
                let step = try s.addStep(id, spec.stepConfig, emr: emr, details: "jar=\(application)")
                s.warnIfBlocked(step, clusterId: id, emr: emr)
                return [step]
            },
            fn(
                "cancel_steps", [cluster, ParamSpec("ids", .array(.string)), ParamSpec("opts", .record("CancelOptions"), optional: true)],
                returns: "table[]",
                doc:
                    "CancelSteps (PENDING; RUNNING on EMR ≥ 5.28 with option SEND_INTERRUPT or TERMINATE_PROCESS). Asynchronous: wait_step to confirm.",
                mutates: true
            ) { s, emr, call in
                let id = try EMRConversions.clusterID(call.value(1), function: "emr.cancel_steps")
                let ids = try call.table(2).sequence.compactMap(\.stringValue)
                var option: StepCancellationOption?
                if let raw = try call.options(3).string("option") {
                    guard let parsed = StepCancellationOption(rawValue: raw) else {
                        throw HostError.field(
                            "emr.cancel_steps", index: 3, name: "opts", field: "option",
                            problem: "must be SEND_INTERRUPT or TERMINATE_PROCESS, got '\(raw)'")
                    }
                    option = parsed
                }
                guard let context = s.context else { return [] }
                let entry = context.recordMutation(
                    "emr.cancel_steps", target: ids.joined(separator: ","), details: "option=\(option?.rawValue ?? "SEND_INTERRUPT")")
                if context.dryRun { return [.array(ids.map { .map(["step_id": .string($0), "status": .string("DRY_RUN")]) })] }
                let chosen = option
                let results: [CancelStepsInfo]
                do {
                    results = try s.run("emr.cancel_steps") { log in
                        try await emr.cancelSteps(clusterId: id, stepIds: ids, option: chosen, logger: log)
                    }
                } catch {
                    context.mutationEnded(entry, error: "\(error)")
                    throw error
                }
                context.mutationEnded(entry, result: results.map { "\($0.stepId ?? "?")=\($0.status ?? "?")" }.joined(separator: ","))
                return [
                    .array(
                        results.map {
                            .map(["step_id": .optional($0.stepId), "status": .optional($0.status), "reason": .optional($0.reason)])
                        })
                ]
            },
            fn(
                "wait_step",
                [
                    cluster, ParamSpec("step", .oneOf([.table, .string])), ParamSpec("states", .oneOf([.string, .array(.string)])),
                    ParamSpec("opts", .record("EMRWaitOptions"), optional: true),
                ],
                returns: "Step",
                doc:
                    "Waits until the step is in one of the states; fails early if it ends in another terminal state, or at the deadline with the last state."
            ) { s, emr, call in
                let id = try EMRConversions.clusterID(call.value(1), function: "emr.wait_step")
                let stepId = try EMRConversions.stepID(call.value(2), function: "emr.wait_step", index: 3)
                let targets = try EMRSession.states(call, 3)
                let timeout = try call.options(4).duration("timeout") ?? 600
                let definition = WaiterDefinition.step(reaching: Set(targets.map { StepState(rawValue: $0) }))
                let logger = s.logger
                let reporter = WaitReporter.start(
                    s.context, render: WaitText.step(stepId, wanted: targets.sorted().joined(separator: "|"), timeout: timeout),
                    explain: { _ in await EMRSession.blocking(stepId, clusterId: id, emr: emr, logger: logger) })
                defer { reporter?.stop() }
                let observe = reporter?.observe
                return [
                    EMRConversions.table(
                        try s.wait("step \(stepId)", targets: targets, timeout: timeout, observe: observe) { log in
                            try await emr.waitForStep(clusterId: id, stepId: stepId, until: definition, timeout: timeout, logger: log)
                        })
                ]
            },
            fn(
                "wait_cluster",
                [
                    cluster, ParamSpec("states", .oneOf([.string, .array(.string)])),
                    ParamSpec("opts", .record("EMRWaitOptions"), optional: true),
                ],
                returns: "Cluster", doc: "Waits until the cluster is in one of the states (fails early on TERMINATED/… unless awaited)."
            ) { s, emr, call in
                let id = try EMRConversions.clusterID(call.value(1), function: "emr.wait_cluster")
                let targets = try EMRSession.states(call, 2)
                let timeout = try call.options(3).duration("timeout") ?? 1800
                let definition = WaiterDefinition.cluster(reaching: Set(targets.map { ClusterState(rawValue: $0) }))
                return [
                    EMRConversions.table(
                        try s.wait("cluster \(id)", targets: targets, timeout: timeout) { log in
                            try await emr.waitForCluster(id, until: definition, timeout: timeout, logger: log)
                        })
                ]
            },
            fn(
                "create_cluster",
                [ParamSpec("spec", .table, doc: "a RunJobFlow request (PascalCase keys), e.g. from emr.read_cluster_spec")],
                returns: "string", doc: "RunJobFlow; returns the new cluster id (an ambiguous failure is checked before any retry).",
                mutates: true
            ) { s, emr, call in
                let table = try call.table(1)
                let request: RunJobFlowRequest
                do {
                    let text = try JSONBridge.encode(.table(table), pretty: false)
                    request = try JSONDecoder().decode(RunJobFlowRequest.self, from: Data(text.utf8))
                } catch {
                    throw HostError.argument(
                        "emr.create_cluster", index: 1, name: "spec", expected: "a RunJobFlow request (Name, ReleaseLabel, Instances…)",
                        got: "a table that does not decode (\(error))")
                }
                guard let context = s.context else { return [] }
                context.recordMutation("emr.create_cluster", target: request.name, details: "release=\(request.releaseLabel ?? "?")")
                if context.dryRun { return [.string("j-DRYRUN")] }
                return [.string(try s.run("emr.create_cluster") { log in try await emr.runJobFlow(request, logger: log) }.jobFlowId)]
            },
            fn("read_cluster_spec", [ParamSpec("path", .string)], returns: "table", doc: "Reads a RunJobFlow request from a JSON file.") {
                _, _, call in
                let path = try call.string(1)
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw HostError(kind: .failed, message: "emr.read_cluster_spec: cannot read \(path)")
                }
                do { return [try JSONBridge.decode(String(decoding: data, as: UTF8.self))] } catch let failure as JSONBridge.Failure {
                    throw HostError(kind: .failed, message: "emr.read_cluster_spec: \(path): \(failure.message)")
                }
            },
            fn("terminate", [cluster], returns: "nil", doc: "TerminateJobFlows.", mutates: true) { s, emr, call in
                let id = try EMRConversions.clusterID(call.value(1), function: "emr.terminate")
                guard let context = s.context else { return [] }
                context.recordMutation("emr.terminate", target: id)
                if context.dryRun { return [] }
                try s.run("emr.terminate") { log in try await emr.terminateJobFlows([id], logger: log) }
                return []
            },
            fn(
                "set_step_concurrency", [cluster, ParamSpec("level", .integer)], returns: "integer",
                doc: "ModifyCluster StepConcurrencyLevel (1–256).", mutates: true
            ) { s, emr, call in
                let id = try EMRConversions.clusterID(call.value(1), function: "emr.set_step_concurrency")
                let level = Int(clamping: try call.integer(2))
                guard (1...256).contains(level) else {
                    throw HostError.argument(
                        "emr.set_step_concurrency", index: 2, name: "level", expected: "an integer from 1 to 256", got: String(level))
                }
                guard let context = s.context else { return [] }
                context.recordMutation("emr.set_step_concurrency", target: id, details: "level=\(level)")
                if context.dryRun { return [.integer(Int64(level))] }
                let result = try s.run("emr.set_step_concurrency") { log in
                    try await emr.modifyCluster(id, stepConcurrencyLevel: level, logger: log)
                }
                return [.integer(Int64(result ?? level))]
            },
            fn(
                "add_tags", [cluster, ParamSpec("tags", .table, doc: "key = value")], returns: "nil", doc: "AddTags on the cluster.",
                mutates: true
            ) { s, emr, call in
                let id = try EMRConversions.clusterID(call.value(1), function: "emr.add_tags")
                let table = try call.table(2)
                let tags = table.stringKeys.map { Tag(key: $0, value: GlobalsModule.render(table[$0])) }
                guard let context = s.context else { return [] }
                context.recordMutation("emr.add_tags", target: id, details: tags.map(\.key).joined(separator: ","))
                if context.dryRun { return [] }
                try s.run("emr.add_tags") { log in try await emr.addTags(resourceId: id, tags: tags, logger: log) }
                return []
            },
        ]
        return [
            HostModule(
                name: "emr", doc: "AWS EMR: clusters, Spark steps, cancellation, cluster lifecycle and waiters.", functions: functions,
                records: Self.records)
        ]
    }

    static let records: [RecordSpec] = [
        RecordSpec(
            "ClusterFilter",
            fields: [
                FieldSpec("states", .array(.string), doc: "default: active states"),
                FieldSpec("name", .string, doc: "exact name"), FieldSpec("created_after", .number, doc: "epoch seconds"),
            ]),
        RecordSpec(
            "Cluster", doc: "A cluster as recipes see it.", closed: false,
            fields: [
                FieldSpec("id", .string), FieldSpec("name", .string), FieldSpec("state", .string), FieldSpec("master_dns", .string),
                FieldSpec("release_label", .string), FieldSpec("step_concurrency_level", .integer), FieldSpec("tags", .table),
                FieldSpec("yarn_urls", .array(.string), doc: "from the sparkdeploy:yarn-url tag, when set"),
            ]),
        RecordSpec(
            "StepFilter", fields: [FieldSpec("states", .array(.string)), FieldSpec("ids", .array(.string)), FieldSpec("name", .string)]),
        RecordSpec(
            "Step", doc: "A step as recipes see it.", closed: false,
            fields: [
                FieldSpec("id", .string), FieldSpec("name", .string), FieldSpec("state", .string), FieldSpec("created_at", .number),
                FieldSpec("started_at", .number, doc: "epoch seconds it started running"),
                FieldSpec("ended_at", .number, doc: "epoch seconds it ended"),
                FieldSpec("action_on_failure", .string, doc: "CONTINUE, CANCEL_AND_WAIT or TERMINATE_CLUSTER"),
                FieldSpec("jar", .string, doc: "the step's JAR (command-runner.jar for spark-submit)"),
                FieldSpec("args", .array(.string)),
                FieldSpec("spark", .table, doc: "parsed spark-submit: jar, class, args, conf, deploy_mode"),
                FieldSpec("failure", .string, doc: "why it failed, one line (FailureDetails' message or reason)"),
                FieldSpec("failure_details", .table, doc: "EMR's FailureDetails of a failed step: {reason, message, log_file}"),
            ]),
        RecordSpec(
            "StepSpec",
            fields: [
                FieldSpec("name", .string, optional: false), FieldSpec("jar", .string, optional: false),
                FieldSpec("class", .string), FieldSpec("args", .array(.string)), FieldSpec("action_on_failure", .string),
            ]),
        RecordSpec(
            "SparkStepSpec",
            fields: [
                FieldSpec("name", .string, optional: false, doc: "step name and spark.app.name"),
                FieldSpec("jar", .string, doc: "application jar"),
                FieldSpec("py", .string, doc: "or a Python file"), FieldSpec("class", .string, doc: "main class"),
                FieldSpec("args", .array(.string)), FieldSpec("conf", .table, doc: "spark conf key = value"),
                FieldSpec("deploy_mode", .string, doc: "cluster (default) or client"),
                FieldSpec("action_on_failure", .string, doc: "CONTINUE (default), CANCEL_AND_WAIT, TERMINATE_CLUSTER"),
                FieldSpec("tags", .array(.string), doc: "spark.yarn.tags"),
            ]),
        RecordSpec("CancelOptions", fields: [FieldSpec("option", .string, doc: "SEND_INTERRUPT (default) or TERMINATE_PROCESS")]),
        RecordSpec("EMRWaitOptions", fields: [FieldSpec("timeout", .number, doc: "seconds")]),
    ]
}

/// Per-run state of the `emr` module: one client, built from the run's connection settings and environment.
final class EMRSession {
    weak var context: RunContext?
    private var cached: EMRClient?

    init(context: RunContext?) { self.context = context }

    static func states(_ call: HostCall, _ index: Int) throws -> Set<String> {
        if let one = call.value(index).stringValue { return [one] }
        return Set(try call.table(index).sequence.compactMap(\.stringValue))
    }

    static func actionOnFailure(_ o: HostOptions, function: String) throws -> ActionOnFailure {
        let raw = try o.string("action_on_failure") ?? "CONTINUE"
        guard let value = ActionOnFailure(rawValue: raw) else {
            throw HostError.field(
                function, index: 2, name: "spec", field: "action_on_failure",
                problem: "must be one of \(ActionOnFailure.allCases.map(\.rawValue).joined(separator: ", ")), got '\(raw)'")
        }
        return value
    }

    /// `tags` plus this run's deploy tag (``RunIdentity/tag``): every submission can be found by the deploy
    /// that made it (`find_app{tags = {deploy_tag}}`).
    static func withDeployTag(_ tags: [String], context: RunContext?) -> [String] {
        guard let tag = context?.identity.tag, !tags.contains(tag) else { return tags }
        return tags + [tag]
    }

    var logger: Logger {
        guard let context else { return Logger(label: "emr") }
        return RunLogHandler.logger("emr", log: context.log)
    }

    /// Attempts per EMR call unless `$AWS_MAX_ATTEMPTS` says otherwise.
    static let maxAttempts = 5

    func client() throws -> EMRClient? {
        guard let context else { return nil }
        if let cached { return cached }
        do {
            // EMR's API limits are low and throttle in bursts: a deploy should ride out a burst, so
            // unless the user chose otherwise ($AWS_MAX_ATTEMPTS) we allow 5 attempts (the AWS CLI's
            // legacy count) instead of the standard mode's 3.
            let aws = context.connection.aws
            let made = try EMRClient(
                region: aws.region, endpoint: aws.emrEndpoint, profile: aws.profile,
                environment: context.environment, credentials: aws.credentialProvider,
                clock: context.clock, maxAttempts: Self.maxAttempts)
            cached = made
            return made
        } catch {
            throw HostError(kind: .failed, message: "emr: \(error)", code: "emr.configuration")
        }
    }

    /// Runs an EMR client call (given the module's logger) on the run's thread, blocking it; any error
    /// but a ``HostError`` becomes an `emr.<code>` error of `what`.
    func run<T: Sendable>(_ what: String, _ work: @escaping @Sendable (Logger) async throws -> T) throws -> T {
        let log = logger
        let hostError: (any Error) -> HostError? = { $0 is HostError ? nil : HostError(emr: $0, operation: what) }
        return try ClientCall.run(what, context: context, mapping: hostError) { try await work(log) }
    }

    func resolveCluster(_ key: String, _ emr: EMRClient) throws -> Cluster {
        if key.hasPrefix("j-") {
            return try run("emr.cluster") { log in try await emr.describeCluster(key, logger: log) }
        }
        let active = try run("emr.cluster") { log in try await emr.listClusters(states: ClusterState.active, logger: log) }
        let matches = active.filter { $0.name.hasSameBytes(as: key) }
        guard let only = matches.first else {
            let names = active.compactMap(\.name).sorted()
            let active = OutsideText.quoted(names.joined(separator: ", "), limit: 2 * OutsideText.quoteLimit)
            throw HostError(
                kind: .failed,
                message: "emr.cluster: no active cluster named '\(OutsideText.quoted(key))'"
                    + (names.isEmpty ? " (no active clusters)" : " (active: \(active))"), code: "emr.notFound")
        }
        guard matches.count == 1 else {
            throw HostError(
                kind: .failed,
                message: "emr.cluster: \(matches.count) active clusters are named '\(OutsideText.quoted(key))': "
                    + matches.map { "\($0.id) (\($0.state?.rawValue ?? "?"))" }.joined(separator: ", ") + "; pass the id",
                code: "emr.ambiguous")
        }
        return try run("emr.cluster") { log in try await emr.describeCluster(only.id, logger: log) }
    }

    func addStep(_ clusterId: String, _ config: StepConfig, emr: EMRClient, details: String) throws -> LuaValue {
        guard let context else { return .nil }
        let entry = context.recordMutation("emr.add_step", target: "\(clusterId)/\(config.name)", details: details)
        if context.dryRun {
            return .map([
                "id": .string("s-DRYRUN"), "name": .string(config.name), "state": .string("PENDING"),
                "created_at": .number(context.clock.now()), "dry_run": .boolean(true),
            ])
        }
        let stepId: String
        do {
            stepId = try run("emr.add_step") { log in try await emr.addStep(clusterId: clusterId, step: config, logger: log) }
        } catch {
            context.mutationEnded(entry, error: "\(error)")
            throw error
        }
        context.mutationEnded(entry, result: stepId)
        let step = try run("emr.add_step") { log in try await emr.describeStep(clusterId: clusterId, stepId: stepId, logger: log) }
        context.log.log(.info, "step added", fields: ["step": stepId, "name": config.name])
        return EMRConversions.table(step)
    }

    /// Why step `stepId` cannot start: the cluster's StepConcurrencyLevel is reached by other
    /// RUNNING steps (``WaitText/blocked(level:running:)``); nil when it can, or when EMR cannot say.
    static func blocking(_ stepId: String, clusterId: String, emr: EMRClient, logger: Logger) async -> String? {
        guard let cluster = try? await emr.describeCluster(clusterId, logger: logger),
            let running = try? await emr.listSteps(clusterId: clusterId, states: [.running], logger: logger)
        else { return nil }
        let others = running.filter { $0.id != stepId }.map { (id: $0.id, name: $0.name ?? "?") }
        return WaitText.blocked(level: cluster.stepConcurrencyLevel ?? 1, running: others)
    }

    /// Warns, right after a step was added, when it cannot start because the cluster's
    /// StepConcurrencyLevel is reached by other RUNNING steps (it would sit PENDING behind them).
    func warnIfBlocked(_ step: LuaValue, clusterId: String, emr: EMRClient) {
        guard let context, !context.dryRun, let table = step.tableValue, let stepId = table["id"].stringValue,
            table["state"].stringValue == "PENDING"
        else { return }
        let logger = self.logger
        guard let why = try? run("emr.add_spark_step", { _ in await Self.blocking(stepId, clusterId: clusterId, emr: emr, logger: logger) })
        else { return }
        context.log.log(
            .warning, "step \(stepId) cannot start yet: \(why); it stays PENDING until one ends",
            fields: ["step": stepId, "cluster": clusterId])
    }

    /// Runs one of the EMR client's waiters (``AdaptivePoll/emrDefault``, ≤ 1 request/s on average) and
    /// turns its ``WaiterError`` into the recipe-facing error: `emr.unexpectedState` when `subject` ended
    /// in another terminal state, `emr.timeout` with the last state seen.
    func wait<T: Sendable>(
        _ subject: String, targets: Set<String>, timeout: Double,
        observe: (@Sendable (WaitProgress) -> Void)? = nil,
        _ waiter: @escaping @Sendable (Logger) async throws -> T
    ) throws -> T {
        try run("emr.wait") { log in
            do {
                let value = try await WaitObserver.$current.withValue(observe.map(WaitObserver.Callback.init)) { try await waiter(log) }
                log.debug("wait finished", metadata: ["subject": "\(subject)"])
                return value
            } catch let error as WaiterError {
                throw HostError(waited: error, subject: subject, targets: targets, timeout: timeout)
            }
        }
    }
}
