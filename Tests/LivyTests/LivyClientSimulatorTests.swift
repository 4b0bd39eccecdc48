import ClusterSimulator
import Foundation
import HTTPTransport
import Livy
import Logging
import SparkDeployCore
import TestSupport
import Testing

/// The Livy client against the simulator's Livy (real HTTP, virtual time) and against hostile servers.
@Suite struct LivyClientSimulatorTests {
    /// Starts the simulator (`scenario`, virtual time `rate`× wall time), hands `body` a client of its Livy.
    static func withLivy(
        _ scenario: Scenario = .standard, rate: Double = 20, requestTimeout: Double = 10, logger: Logger = Logger(label: "livy-test"),
        _ body: (Simulator, LivyClient) async throws -> Void
    ) async throws {
        let sim = try await Simulator.start(SimulatorOptions(clock: ScaledClock(rate: rate), scenario: scenario))
        do {
            let connection = try LivyConnection(
                url: sim.livyEndpoint, transport: TransportConfiguration(connectTimeout: 2, requestTimeout: requestTimeout),
                retry: LivyRetryPolicy(maxAttempts: 3, backoff: Backoff(base: 0.1, cap: 0.2)))
            try await body(sim, try LivyClient(connection: connection, clock: sim.clock, logger: logger))
            await sim.stop()
        } catch {
            await sim.stop()
            throw error
        }
    }

    static let request = BatchRequest(
        file: "hdfs:///jobs/aggregator-1.5.0.jar", className: "com.acme.Aggregator", args: ["--env", "prod"],
        conf: ["spark.yarn.tags": "deploy,sparkdeploy-build:abc123"], name: "Aggregator-d42", queue: "default",
        driverMemory: "1g", executorMemory: "2g", numExecutors: 2)

    @Test func submitsAwaitsTheAppReadsTheLogAndDeletes() async throws {
        try await Self.withLivy { sim, livy in
            let created = try await livy.createBatch(Self.request)
            #expect(created.state == .starting)
            #expect(created.appId == nil)
            #expect(created.name == "Aggregator-d42")
            let appId = try await livy.awaitAppId(batchId: created.id, timeout: 60)
            #expect(appId.hasPrefix("application_"))
            let running = try await livy.awaitState(batchId: created.id, states: [.running], timeout: 60)
            #expect(running.appId == appId)
            #expect(running.sparkUIURL?.hasSuffix("/proxy/\(appId)/") == true)
            #expect(try await livy.state(id: created.id) == .running)
            let app = await sim.snapshot().apps.first { $0.id == appId }
            #expect(app?.name == "Aggregator-d42")
            #expect(app?.tags.contains("sparkdeploy-build:abc123") == true)
            let log = try await livy.log(id: created.id, from: 0, size: 50)
            #expect(log.lines.contains("INFO Client: Submitted application \(appId)"))
            #expect(try await livy.findBatch(named: "Aggregator-d42")?.id == created.id)
            #expect(try await livy.deleteBatch(id: created.id))
            #expect(try await livy.deleteBatch(id: created.id) == false)
            do {
                _ = try await livy.batch(id: created.id)
                Issue.record("a deleted batch is gone")
            } catch let error as LivyError {
                #expect(error.code == .notFound)
                #expect(error.description.contains("/batches/\(created.id)"))
            }
        }
    }

    @Test func withoutTheCSRFHeaderTheSimulatorRefusesTheBatch() async throws {
        try await Self.withLivy { sim, _ in
            let transport = try HTTPTransport()
            let body = Array(#"{"file":"hdfs:///a.jar","name":"no-header"}"#.utf8)
            let refused = try await transport.send(
                HTTPRequest(method: "POST", url: sim.livyEndpoint + "/batches", headers: [("Content-Type", "application/json")], body: body)
            )
            #expect(refused.status == 400)
            #expect(refused.text.contains("CSRF"))
            // The client sends the header on every request, so the same body goes through.
            let connection = try LivyConnection(url: sim.livyEndpoint, requestedBy: "ci-deploy")
            let client = try LivyClient(connection: connection, clock: sim.clock)
            let batch = try await client.createBatch(BatchRequest(file: "hdfs:///a.jar", name: "with-header"))
            #expect(batch.name == "with-header")
            #expect(await sim.requestCounts()["LIVY.POST /batches"] == 2)
        }
    }

    @Test func aPostAppliedThenAnswered500IsFoundNotSentAgain() async throws {
        let capture = LogCapture()
        try await Self.withLivy(logger: capture.logger(level: .debug)) { sim, livy in
            await sim.apply(.livyCreateThenFail(count: 1))
            let batch = try await livy.createBatch(Self.request)
            let all = try await livy.allBatches()
            #expect(all.map(\.id) == [batch.id])
            #expect(await sim.requestCounts()["LIVY.POST /batches"] == 1)
            #expect(capture.text.contains("ambiguous failure; checking whether the batch was created"))
        }
    }

    @Test func aPostAppliedThenTimedOutIsFoundNotSentAgain() async throws {
        try await Self.withLivy(requestTimeout: 0.5) { sim, livy in
            await sim.apply(.livyCreateThenHang(count: 1, seconds: 2))
            let batch = try await livy.createBatch(Self.request)
            #expect(try await livy.allBatches().map(\.id) == [batch.id])
            #expect(await sim.requestCounts()["LIVY.POST /batches"] == 1)
        }
    }

    @Test func aPostRefusedWith503BeforeAnythingHappenedIsSentAgain() async throws {
        try await Self.withLivy { sim, livy in
            await sim.apply(.serviceUnavailable(target: .livy, count: 1))
            let batch = try await livy.createBatch(Self.request)
            #expect(try await livy.allBatches().map(\.id) == [batch.id])
            #expect(await sim.requestCounts()["LIVY.POST /batches"] == 2)
        }
    }

    @Test func killingTheAppThroughTheRMEndsTheBatchKilled() async throws {
        var scenario = try Scenario.named("yarn-only")
        scenario.delays.kill = 0.5
        try await Self.withLivy(scenario) { sim, livy in
            let seeded = try #require(try await livy.findBatch(named: "Aggregator"))
            #expect(seeded.state == .running)
            let appId = try #require(seeded.appId)
            let transport = try HTTPTransport()
            let kill = try await transport.send(
                HTTPRequest(
                    method: "PUT", url: sim.yarnEndpoints[0] + "/ws/v1/cluster/apps/\(appId)/state",
                    headers: [("Content-Type", "application/json")], body: Array(#"{"state":"KILLED"}"#.utf8)))
            #expect(kill.status == 202)
            let ended = try await livy.awaitState(batchId: seeded.id, states: [.killed], timeout: 60)
            #expect(ended.state == .killed)
            do {
                _ = try await livy.awaitState(batchId: seeded.id, states: [.running], timeout: 30)
                Issue.record("a killed batch never runs again")
            } catch let error as LivyError {
                #expect(error.code == .unexpectedState)
                #expect(error.lastState == "killed")
            }
        }
    }

    @Test func awaitAppIdTimesOutNamingTheLastState() async throws {
        var scenario = Scenario.standard
        scenario.livy.submitSeconds = 10_000
        try await Self.withLivy(scenario) { _, livy in
            let batch = try await livy.createBatch(BatchRequest(file: "hdfs:///slow.jar", name: "slow"))
            do {
                _ = try await livy.awaitAppId(batchId: batch.id, timeout: 5)
                Issue.record("the app never appears")
            } catch let error as LivyError {
                #expect(error.code == .timeout)
                #expect(error.description.contains("starting (no application yet)"))
            }
        }
    }

    @Test func basicCredentialsFromTheURLAreSentAndNeverLogged() async throws {
        var scenario = Scenario.standard
        scenario.livy.users = ["deployer": "s3cr3t-Pa55"]
        let capture = LogCapture()
        try await Self.withLivy(scenario, logger: capture.logger(level: .trace)) { sim, _ in
            let withUser = sim.livyEndpoint.replacingOccurrences(of: "http://", with: "http://deployer:s3cr3t-Pa55@")
            let client = try LivyClient(
                connection: try LivyConnection(url: withUser), clock: sim.clock, logger: capture.logger(level: .trace))
            #expect(client.connection.baseURL == sim.livyEndpoint)
            let batch = try await client.createBatch(BatchRequest(file: "hdfs:///a.jar", name: "authed"))
            #expect(batch.owner == "deployer")
            let anonymous = try LivyClient(connection: try LivyConnection(url: sim.livyEndpoint), clock: sim.clock)
            do {
                _ = try await anonymous.batches()
                Issue.record("Livy with users refuses anonymous calls")
            } catch let error as LivyError {
                #expect(error.code == .unauthorized)
                #expect(!error.description.contains("s3cr3t"))
            }
            let wrong = try LivyClient(
                connection: try LivyConnection(url: withUser.replacingOccurrences(of: "s3cr3t-Pa55", with: "wrong-Pa55")),
                clock: sim.clock)
            await #expect(throws: LivyError.self) { _ = try await wrong.batches() }
            #expect(!capture.text.contains("s3cr3t-Pa55"))
            #expect(!capture.text.contains(Data("deployer:s3cr3t-Pa55".utf8).base64EncodedString()))
        }
    }

    @Test(arguments: [
        (#"{"id":"zero","state":"running"}"#, "id has the wrong type"),
        (#"{"id":3}"#, "state is missing"),
        ("<html>Livy is down</html>", "not JSON"),
        (#"{"id":1,"state":"running","log":[1,2]}"#, "log.[0] has the wrong type"),
    ])
    func hostileAnswersNameTheEndpoint(body: String, reason: String) async throws {
        let server = try await HostileServer.start()
        server.respond { _ in .http(status: 200, body: Array(body.utf8)) }
        let client = try LivyClient(connection: try LivyConnection(url: server.baseURL + "/gateway/livy"))
        do {
            _ = try await client.batch(id: 7)
            Issue.record("a hostile body must not decode")
        } catch {
            #expect(error.code == .decoding)
            #expect(error.description.contains("GET \(server.baseURL)/gateway/livy/batches/7"))
            #expect(error.description.contains(reason), "\(error)")
        }
        #expect(server.requests.first?.header("X-Requested-By") == "sparkdeploy")
        await server.stop()
    }

    @Test func aURLThatIsNotHTTPIsAConfigurationError() throws {
        #expect(throws: LivyError.self) { try LivyConnection(url: "ftp://livy:8998") }
        #expect(throws: LivyError.self) { try LivyConnection.resolve(explicit: nil, environment: [:]) }
        let connection = try LivyConnection.resolve(explicit: nil, environment: ["SPARKDEPLOY_LIVY_URL": "http://edge:8998/"])
        #expect(connection.baseURL == "http://edge:8998")
    }
}
