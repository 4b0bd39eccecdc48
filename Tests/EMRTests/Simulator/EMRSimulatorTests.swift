import AWSCore
import ClusterSimulator
import EMR
import Foundation
import Logging
import SparkDeployCore
import TestSupport
import Testing

/// The EMR client against the loopback simulator (real HTTP, virtual time).
struct EMRSimulatorTests {
    static func withSimulator(_ body: (Simulator, EMRClient) async throws -> Void) async throws {
        let sim = try await Simulator.start(SimulatorOptions(clock: ScaledClock(rate: 50)))
        do {
            try await body(sim, try Clients.emr(endpoint: sim.emrEndpoint, clock: sim.clock))
            await sim.stop()
        } catch {
            await sim.stop()
            throw error
        }
    }

    @Test func findsClusterAndRunsASparkStep() async throws {
        try await Self.withSimulator { sim, emr in
            let logger = Logger(label: "sim")
            let id = await sim.createCluster(name: "streaming-prod")
            let active = try await emr.listClusters(states: ClusterState.active, logger: logger)
            #expect(active.contains { $0.id == id && $0.name == "streaming-prod" })
            let cluster = try await emr.waitUntilClusterRunning(id, timeout: 60, logger: logger)
            #expect(cluster.state == .waiting)
            let spec = SparkStepSpec(name: "Aggregator", application: "s3://b/agg.jar", mainClass: "com.acme.Agg")
            let stepId = try await emr.addStep(clusterId: id, step: spec.stepConfig, logger: logger)
            let running = try await emr.waitUntilStepRunning(
                clusterId: id, stepId: stepId, timeout: 600,
                poll: AdaptivePoll(initial: 1, factor: 1.5, maximum: 5),
                logger: logger)
            #expect(running.state == .running)
            #expect(try SparkStepSpec(step: running) == spec)
        }
    }

    @Test func throttlingBurstIsRetriedAndLogged() async throws {
        try await Self.withSimulator { sim, emr in
            let capture = LogCapture()
            let id = await sim.createCluster(name: "throttled")
            await sim.apply(.emrThrottling(operation: "DescribeCluster", count: 2))
            let cluster = try await emr.describeCluster(id, logger: capture.logger(level: .debug))
            #expect(cluster.id == id)
            let attempts = capture.lines.filter { $0.contains("aws.operation=DescribeCluster") }
            #expect(attempts.count == 3)
            #expect(attempts.prefix(2).allSatisfy { $0.contains("aws.error_code=ThrottlingException") })
        }
    }

    @Test func lostConnectionOnAddStepDoesNotDuplicateTheStep() async throws {
        try await Self.withSimulator { sim, emr in
            let capture = LogCapture()
            let logger = capture.logger(level: .debug)
            let id = await sim.createCluster(name: "flaky", stepConcurrencyLevel: 2)
            await sim.apply(.connectionReset(target: .emr, count: 1))
            let spec = SparkStepSpec(name: "Once", application: "s3://b/once.jar", mainClass: "com.acme.Once")
            let stepId = try await emr.addStep(clusterId: id, step: spec.stepConfig, logger: logger)
            let steps = try await emr.listSteps(clusterId: id, logger: logger)
            #expect(steps.filter { $0.name == "Once" }.map(\.id) == [stepId])
            #expect(capture.text.contains("ambiguous failure; checking whether the call took effect"))
        }
    }

    @Test func stepCompleteWaiterReportsTheFailureState() async throws {
        try await Self.withSimulator { sim, emr in
            let logger = Logger(label: "sim")
            let id = await sim.createCluster(name: "cancel-me", releaseLabel: "emr-6.15.0")
            let started = try await sim.startStreamingJob(
                clusterId: id, name: "Stream", jar: "s3://b/s.jar",
                mainClass: "com.acme.S")
            let info = try await emr.cancelSteps(
                clusterId: id, stepIds: [started.stepId], option: .terminateProcess,
                logger: logger)
            #expect(info.first?.stepId == started.stepId)
            do {
                _ = try await emr.waitUntilStepComplete(
                    clusterId: id, stepId: started.stepId, timeout: 300,
                    poll: AdaptivePoll(initial: 1, factor: 1.5, maximum: 5),
                    logger: logger)
                Issue.record("a cancelled step must not complete")
            } catch let error as WaiterError {
                #expect(error.reason == .failureState)
                #expect(error.lastState == "CANCELLED")
            }
        }
    }

    @Test func waiterDeadlineReportsLastStateSeen() async throws {
        try await Self.withSimulator { sim, emr in
            let id = await sim.createCluster(name: "busy")
            _ = try await sim.startStreamingJob(clusterId: id, name: "Blocker", jar: "s3://b/b.jar", mainClass: "B")
            let pending = try await emr.addStep(
                clusterId: id, step: SparkStepSpec(name: "Next", application: "s3://b/n.jar", mainClass: "N").stepConfig,
                logger: Logger(label: "sim"))
            do {
                _ = try await emr.waitUntilStepRunning(
                    clusterId: id, stepId: pending, timeout: 30,
                    poll: AdaptivePoll(initial: 2, factor: 2, maximum: 10),
                    logger: Logger(label: "sim"))
                Issue.record("the step is blocked by StepConcurrencyLevel 1")
            } catch let error as WaiterError {
                #expect(error.reason == .deadlineExceeded)
                #expect(error.lastState == "PENDING")
            }
        }
    }

    @Test func modifyClusterAndTags() async throws {
        try await Self.withSimulator { sim, emr in
            let logger = Logger(label: "sim")
            let id = await sim.createCluster(name: "tuned")
            try await emr.modifyCluster(id, stepConcurrencyLevel: 4, logger: logger)
            try await emr.addTags(resourceId: id, tags: [Tag(key: "owner", value: "data")], logger: logger)
            var cluster = try await emr.describeCluster(id, logger: logger)
            #expect(cluster.stepConcurrencyLevel == 4)
            #expect(cluster.tag("owner") == "data")
            try await emr.removeTags(resourceId: id, keys: ["owner"], logger: logger)
            cluster = try await emr.describeCluster(id, logger: logger)
            #expect(cluster.tag("owner") == nil)
        }
    }
}
