import Foundation
import Hummingbird
import Logging
import SparkDeployCore
import Synchronization

/// Why a control-plane call on the simulator failed.
public struct SimulatorError: Error, Sendable, CustomStringConvertible {
    /// The control-plane operation.
    public var operation: String
    /// What was wrong.
    public var reason: String
    /// Human-readable summary.
    public var description: String { "simulator \(operation): \(reason)" }
}

/// A loopback simulator of the AWS EMR JSON 1.1 API and the YARN ResourceManager REST API, driven by one
/// coupled state machine on a shared virtual clock.
///
/// ```swift
/// let sim = try await Simulator.start(SimulatorOptions(scenario: try Scenario.named("rm-failover")))
/// defer { Task { await sim.stop() } }
/// let cluster = await sim.createCluster(name: "streaming-prod")
/// // aws --endpoint-url \(sim.emrEndpoint) emr describe-cluster --cluster-id \(cluster)
/// ```
///
/// **Cluster → RM URL.** Every cluster carries the tag `sparkdeploy:yarn-url` (``yarnURLTagKey``) whose value is
/// the comma-separated list of its RM base URLs (``yarnEndpoints``, RM 0 first), and its `MasterPublicDnsName`
/// is `localhost`. All simulated clusters share the one simulated YARN (one RM set).
public final class Simulator: Sendable {
    let engine: SimEngine
    private let options: SimulatorOptions
    private let emrServer: ServerHandle
    private let livyServer: ServerHandle
    private let rmServers: Mutex<[ServerHandle?]>
    private let rmPorts: [Int]

    /// EMR endpoint, e.g. `http://127.0.0.1:PORT` (pass to `aws --endpoint-url`).
    public let emrEndpoint: String
    /// The S3 endpoint (path-style), served on the EMR listener: the same URL as ``emrEndpoint``
    /// (`AWS_ENDPOINT_URL_S3`).
    public var s3Endpoint: String { emrEndpoint }
    /// One base URL per RM (HA), e.g. `http://127.0.0.1:PORT`; RM 0 is active at start.
    public let yarnEndpoints: [String]
    /// The Livy server's base URL, e.g. `http://127.0.0.1:PORT` (batches under `/batches`).
    public let livyEndpoint: String
    /// The shared virtual clock.
    public var clock: ScaledClock { engine.clock }

    private init(
        engine: SimEngine, options: SimulatorOptions, emrServer: ServerHandle, rmServers: [ServerHandle],
        livyServer: ServerHandle, emrEndpoint: String, yarnEndpoints: [String], livyEndpoint: String
    ) {
        self.engine = engine
        self.options = options
        self.emrServer = emrServer
        self.livyServer = livyServer
        self.livyEndpoint = livyEndpoint
        self.rmServers = Mutex(rmServers.map { Optional($0) })
        self.rmPorts = rmServers.map(\.port)
        self.emrEndpoint = emrEndpoint
        self.yarnEndpoints = yarnEndpoints
    }

    /// Starts the EMR listener, one listener per RM and the Livy listener, seeds the scenario's clusters and apps, and returns
    /// once every listener accepts connections.
    /// - Throws: ``SimulatorError`` for a non-loopback host or a port count mismatch; ``SimulatorStartError``
    ///   when a port cannot be bound.
    public static func start(_ options: SimulatorOptions) async throws -> Simulator {
        guard SimulatorOptions.isLoopback(options.host) else {
            throw SimulatorError(operation: "start", reason: "host \(options.host) is not a loopback address")
        }
        let rmCount = max(1, options.scenario.resourceManagers)
        guard options.yarnPorts.isEmpty || options.yarnPorts.count == rmCount else {
            throw SimulatorError(
                operation: "start",
                reason: "\(options.yarnPorts.count) YARN ports given for \(rmCount) RMs")
        }
        var scenario = options.scenario
        scenario.resourceManagers = rmCount
        let engine = SimEngine(clock: options.clock, scenario: scenario)
        let urlHost = options.host.contains(":") && !options.host.hasPrefix("[") ? "[\(options.host)]" : options.host
        var rms: [ServerHandle] = []
        var livy: ServerHandle?
        do {
            for index in 0..<rmCount {
                let port = options.yarnPorts.isEmpty ? 0 : options.yarnPorts[index]
                rms.append(
                    try await ServerHandle.start(host: options.host, port: port, logger: options.logger) {
                        request, context in await engine.handleYARN(request, context: context, rm: index)
                    })
            }
            let yarn = rms.map { "http://\(urlHost):\($0.port)" }
            engine.yarnURLs.withLock { $0 = yarn }
            let emr = try await ServerHandle.start(host: options.host, port: options.emrPort, logger: options.logger) {
                request, context in await engine.handleEMRListener(request, context: context)
            }
            let emrURL = "http://\(urlHost):\(emr.port)"
            engine.emrURL.withLock { $0 = emrURL }
            let livyServer = try await ServerHandle.start(host: options.host, port: options.livyPort, logger: options.logger) {
                request, context in await engine.handleLivy(request, context: context)
            }
            livy = livyServer
            let sim = Simulator(
                engine: engine, options: options, emrServer: emr, rmServers: rms, livyServer: livyServer,
                emrEndpoint: emrURL, yarnEndpoints: yarn, livyEndpoint: "http://\(urlHost):\(livyServer.port)")
            try await sim.seed(scenario)
            return sim
        } catch {
            for rm in rms { await rm.stop() }
            await livy?.stop()
            throw error
        }
    }

    private func seed(_ scenario: Scenario) async throws {
        for seed in scenario.clusters {
            let id = await createCluster(
                name: seed.name, releaseLabel: seed.releaseLabel,
                stepConcurrencyLevel: seed.stepConcurrencyLevel)
            for job in seed.streamingJobs {
                _ = try await startStreamingJob(
                    clusterId: id, name: job.name, jar: job.jar, mainClass: job.mainClass,
                    tags: job.tags ?? [])
            }
        }
        for batch in scenario.livy.batches {
            _ = try await startLivyBatch(
                name: batch.name, file: batch.file, className: batch.className, tags: batch.tags ?? [],
                conf: batch.conf ?? [:])
        }
        for case let .rmUnreachable(index) in scenario.faults { await apply(.rmUnreachable(index: index)) }
        for bucket in scenario.buckets { try await createBucket(bucket) }
        if let bulk = scenario.bulkApps {
            let now = clock.now()
            engine.state.withLock { core in
                core.model.seedBulkApps(bulk, now: now)
                // Pre-encode finished apps once: their JSON never changes.
                let rmId = "sim-rm"
                let ts = core.model.clusterTimestamp
                for id in core.model.appOrder {
                    guard var app = core.model.apps[id], app.isTerminal, app.cachedJSON == nil else { continue }
                    app.cachedJSON = app.json(now: now, rmClusterId: rmId, clusterTimestamp: ts)
                    core.model.apps[id] = app
                }
            }
        }
    }

    /// Stops every listener. The simulator cannot be restarted.
    public func stop() async {
        let rms = rmServers.withLock { servers in
            let all = servers.compactMap { $0 }
            servers = servers.map { _ in nil }
            return all
        }
        for rm in rms { await rm.stop() }
        await emrServer.stop()
        await livyServer.stop()
    }

    // MARK: Control plane

    /// Creates a cluster, READY (WAITING) by default, through the same model RunJobFlow uses.
    /// - Parameters:
    ///   - name: cluster name.
    ///   - releaseLabel: EMR release (decides whether RUNNING steps can be cancelled: ≥ emr-5.28.0).
    ///   - stepConcurrencyLevel: steps that may run at once.
    ///   - ready: `true` (default) = WAITING now; `false` = STARTING, walking the scenario's delays.
    ///   - tags: extra tags; the `sparkdeploy:yarn-url` tag is always added.
    /// - Returns: the `j-…` id.
    @discardableResult
    public func createCluster(
        name: String, releaseLabel: String = "emr-6.15.0", stepConcurrencyLevel: Int = 1,
        ready: Bool = true, tags: [ClusterTag] = []
    ) async -> String {
        let url = engine.yarnURLTagValue
        return engine.withState { core, now in
            core.model.addCluster(
                name: name, releaseLabel: releaseLabel, stepConcurrencyLevel: stepConcurrencyLevel,
                tags: tags, keepAlive: true, ready: ready, now: now, yarnURL: url)
        }
    }

    /// Adds a Spark step (`command-runner.jar spark-submit --deploy-mode cluster --name … --class … jar`) through
    /// the code path AddJobFlowSteps uses, then jumps the model forward (without moving the clock) until the
    /// step and its YARN app are RUNNING.
    /// `conf` adds `--conf key=value` pairs, e.g. `spark.sql.streaming.checkpointLocation` and
    /// `spark.sparkdeploy.stopMarker` for a streaming build that checkpoints and polls a stop marker.
    /// - Returns: the step id and the YARN application id.
    /// - Throws: ``SimulatorError`` when the cluster is unknown or not active, or the app does not reach RUNNING
    ///   (e.g. a fault makes it fail to start).
    public func startStreamingJob(
        clusterId: String, name: String, jar: String, mainClass: String,
        tags: [String] = [], conf: [String: String] = [:]
    ) async throws -> (stepId: String, appId: String) {
        var args = ["spark-submit", "--deploy-mode", "cluster", "--name", name, "--class", mainClass]
        if !tags.isEmpty { args += ["--conf", "spark.yarn.tags=\(tags.joined(separator: ","))"] }
        for key in conf.keys.sorted() { args += ["--conf", "\(key)=\(conf[key] ?? "")"] }
        args.append(jar)
        let result: Result<(String, String), SimulatorError> = engine.withState { core, now in
            guard let c = core.model.clusters[clusterId], c.isActive else {
                return .failure(
                    SimulatorError(
                        operation: "startStreamingJob",
                        reason: "cluster \(clusterId) is unknown or not active"))
            }
            let stepId = core.model.addStep(
                clusterId: clusterId, name: name, actionOnFailure: "CONTINUE", jar: "command-runner.jar",
                mainClass: nil, args: args, properties: [], executionRoleArn: nil, at: now)
            // Fast-forward only this step: start it now and walk its app to RUNNING, back-dated.
            guard var step = core.model.steps[stepId] else {
                return .failure(SimulatorError(operation: "startStreamingJob", reason: "step vanished"))
            }
            if step.startAt == nil {
                return .failure(
                    SimulatorError(
                        operation: "startStreamingJob",
                        reason: "step \(stepId) is PENDING behind other steps (StepConcurrencyLevel \(c.stepConcurrencyLevel))"))
            }
            step.startAt = now
            core.model.steps[stepId] = step
            core.model.fireStep(stepId, at: now)
            guard let appId = core.model.steps[stepId]?.appId else {
                return .failure(SimulatorError(operation: "startStreamingJob", reason: "step started no YARN app"))
            }
            if let failure = core.model.fastForwardToRunning(appId, at: now, for: "startStreamingJob") { return .failure(failure) }
            core.model.version += 1
            return .success((stepId, appId))
        }
        let (stepId, appId) = try result.get()
        return (stepId, appId)
    }

    /// Creates a Livy batch through the code path `POST /batches` uses (no authentication, no CSRF), then
    /// jumps the model forward (without moving the clock) until its YARN app is RUNNING: a streaming job
    /// submitted through Livy earlier.
    /// - Parameters:
    ///   - name: the batch name, which is also the YARN app's name.
    ///   - file: the application jar.
    ///   - className: the main class.
    ///   - tags: extra YARN application tags (`spark.yarn.tags`).
    ///   - conf: more Spark configuration, e.g. the checkpoint location and stop marker (``StreamingConf``).
    /// - Returns: the batch id and the YARN application id.
    /// - Throws: ``SimulatorError`` when a batch of that name exists or the app does not reach RUNNING.
    public func startLivyBatch(
        name: String, file: String, className: String, tags: [String] = [], conf: [String: String] = [:]
    ) async throws -> (batchId: Int, appId: String) {
        var request = LivyBatchRequest(file: file)
        request.name = name
        request.className = className
        var pairs = conf.keys.sorted().map { ($0, conf[$0] ?? "") }
        if !tags.isEmpty { pairs.append(("spark.yarn.tags", tags.joined(separator: ","))) }
        request.conf = pairs
        let result: Result<(Int, String), SimulatorError> = engine.withState { core, now in
            let created = core.createLivyBatch(request, owner: nil, at: now)
            guard case .success(let id) = created else {
                return .failure(SimulatorError(operation: "startLivyBatch", reason: "a Livy batch named '\(name)' exists"))
            }
            core.livy.batches[id]?.submitAt = now
            core.startDueLivyApps(upTo: now)
            guard let appId = core.livy.batches[id]?.appId else {
                return .failure(SimulatorError(operation: "startLivyBatch", reason: "batch \(id) started no YARN app"))
            }
            if let failure = core.model.fastForwardToRunning(appId, at: now, for: "startLivyBatch") { return .failure(failure) }
            core.refreshLivyStates(now: now)
            core.model.version += 1
            return .success((id, appId))
        }
        let (batchId, appId) = try result.get()
        return (batchId, appId)
    }

    /// Makes RM `index` active and every other RM standby.
    public func failover(to index: Int) async {
        engine.withState { core, _ in
            if index >= 0 && index < core.model.scenario.resourceManagers { core.model.activeRM = index }
        }
    }

    /// A comparable view of clusters, steps, apps, S3 buckets and objects as of the clock's now.
    public func snapshot() async -> SimulatorSnapshot {
        engine.withState { core, _ in
            var snapshot = core.model.snapshot
            snapshot.buckets = core.s3.buckets.keys.sorted()
            snapshot.objects = core.s3.snapshotObjects
            return snapshot
        }
    }

    /// Creates the S3 bucket `name` if it does not exist (what `PUT /bucket` does).
    /// - Throws: ``SimulatorError`` when `name` breaks S3's bucket naming rules.
    public func createBucket(_ name: String) async throws {
        guard SimEngine.isValidBucketName(name) else {
            throw SimulatorError(
                operation: "createBucket",
                reason: "'\(name)' is not a valid bucket name (3-63 of a-z 0-9 . -, letter or digit at both ends)")
        }
        engine.withState { core, now in core.s3.ensureBucket(name, now: now) }
    }

    /// Requests served per API, e.g. `["EMR.ListSteps": 3, "YARN.GET /ws/v1/cluster/apps": 7]`.
    public func requestCounts() async -> [String: Int] {
        engine.withState { core, _ in core.counts }
    }

    /// Injects a fault now. `rmUnreachable` closes that RM's port until ``clearFaults()``.
    public func apply(_ fault: Fault) async {
        if case let .rmUnreachable(index) = fault {
            let handle: ServerHandle? = rmServers.withLock { servers in
                guard index >= 0 && index < servers.count else { return nil }
                let h = servers[index]
                servers[index] = nil
                return h
            }
            await handle?.stop()
            return
        }
        engine.withState { core, _ in core.add(fault) }
    }

    /// Removes every fault (scenario ones included), re-opens closed RM ports and makes RM 0 active if none is.
    public func clearFaults() async {
        engine.withState { core, _ in
            core.transportFaults = []
            core.failovers = []
            core.model.faults = []
            if core.model.activeRM == nil { core.model.activeRM = 0 }
        }
        for index in rmPorts.indices {
            let missing = rmServers.withLock { $0[index] == nil }
            guard missing else { continue }
            let engine = self.engine
            if let handle = try? await ServerHandle.start(
                host: options.host, port: rmPorts[index],
                logger: options.logger,
                handler: { request, context in
                    await engine.handleYARN(request, context: context, rm: index)
                })
            {
                rmServers.withLock { $0[index] = handle }
            }
        }
    }
}
