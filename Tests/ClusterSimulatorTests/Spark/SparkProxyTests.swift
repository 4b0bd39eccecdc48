import ClusterSimulator
import Foundation
import Testing
import YARN

/// Each simulated Spark app's driver REST API behind the RM's web proxy, read with the real
/// ``SparkRESTClient`` over HTTP; behaviours follow the virtual clock.
@Suite struct SparkProxyTests {
    @Test func aHealthyAppCompletesAMicroBatchEveryBatchLength() async throws {
        try await withSimulator(.spark(batchSeconds: 2)) { sim in
            let app = try await SparkSimApp.start(sim)
            let first = try await app.spark.progress()
            #expect(first.batchSource == .sqlExecutions, "Structured Streaming: streaming/statistics is 404")
            #expect(first.activeExecutors == 2)
            #expect(first.runningJobs == 1)
            #expect(first.failedJobs == 0)
            sim.clock.advance(by: 20)
            let later = try await app.spark.progress()
            #expect(later.completedBatches >= first.completedBatches + 10)
            #expect(later.completedJobs == later.completedBatches)
            #expect(later.runningJobs == 1)
            let sql = try await app.spark.sqlExecutions()
            let batch0 = try #require(sql.first)
            #expect(batch0.isCompleted)
            #expect(batch0.description.hasPrefix("aggregator\nid = ") && batch0.description.hasSuffix("\nbatch = 0"))
            let jobs = try await app.spark.jobs()
            #expect(jobs.first?.status == .running, "newest first")
            #expect(jobs.map(\.jobId) == jobs.map(\.jobId).sorted(by: >))
            let succeeded = try await app.spark.jobs(status: .succeeded)
            #expect(succeeded.count == later.completedJobs && succeeded.allSatisfy { $0.completionTime != nil })
            let stages = try await app.spark.stages()
            #expect(stages.count == jobs.count)
            let counts = await sim.requestCounts()
            #expect(counts["YARN.GET /proxy/{appid}/api/v1/applications/{appid}/jobs"] == 4)
        }
    }

    @Test func theDriverRetainsTheNewestThousandJobs() async throws {
        try await withSimulator(.spark(batchSeconds: 0.01), rate: 0) { sim in  // virtual time stands still between requests
            let app = try await SparkSimApp.start(sim)
            sim.clock.advance(by: 50)
            let jobs = try await app.spark.jobs()
            #expect(jobs.count == 1000)
            #expect(jobs.first?.status == .running)
            #expect((jobs.first?.jobId ?? 0) >= 5000 && jobs.last?.jobId == (jobs.first?.jobId ?? 0) - 999)
            let sql = try await app.spark.sqlExecutions(limit: 1000)
            #expect(sql.count == 1000 && sql.first?.id == jobs.last?.jobId, "oldest retained first")
        }
    }

    @Test func aStalledBuildCompletesNothingWhileOtherBuildsRun() async throws {
        try await withSimulator(.spark([.sparkBehaviour(build: "agg-2.jar", behaviour: .stalled)])) { sim in
            let cluster = await sim.createCluster(name: "streaming-prod", stepConcurrencyLevel: 5)
            let stalled = try await SparkSimApp.start(sim, jar: "s3://b/agg-2.jar", cluster: cluster)
            let healthy = try await SparkSimApp.start(sim, jar: "s3://b/agg-1.jar", cluster: cluster)
            sim.clock.advance(by: 60)
            let progress = try await stalled.spark.progress()
            #expect(progress.completedBatches == 0)
            #expect(progress.completedJobs == 0)
            #expect(progress.runningJobs == 1)
            #expect(progress.activeExecutors == 2)
            #expect(try await healthy.spark.progress().completedBatches >= 30)
        }
    }

    @Test func failingBatchesShowFailedJobsWithTheirReason() async throws {
        try await withSimulator(.spark([.sparkBehaviour(behaviour: .failingBatches)])) { sim in
            let app = try await SparkSimApp.start(sim)
            sim.clock.advance(by: 10)
            let progress = try await app.spark.progress()
            #expect(progress.failedJobs >= 5)
            #expect(progress.completedBatches == 0)
            #expect(progress.failedTasks == 4 * progress.failedJobs)
            let reason = try #require(progress.failureReasons.first)
            #expect(reason.hasPrefix("Job aborted due to stage failure: Task 0 in stage "))
            #expect(reason.hasSuffix("java.lang.IllegalStateException: Cannot parse record at offset 4711 of topic events"))
            let sql = try await app.spark.sqlExecutions()
            #expect(sql.filter { $0.status == .failed }.allSatisfy { $0.failedJobIds.count == 1 })
            #expect(try await app.rm.app(id: app.appId).state == .running)
        }
    }

    @Test func theShippedScenariosGiveTheDeployedBuildItsBehaviour() throws {
        let stalled = try Scenario.named("stalled-build", parameters: ["jar": "s3://b/agg-2.jar"])
        #expect(stalled.faults == [.sparkBehaviour(build: "s3://b/agg-2.jar", behaviour: .stalled)])
        #expect(stalled.sparkBatchSeconds == 2)
        let failing = try Scenario.named("failing-batches")
        #expect(failing.faults == [.sparkBehaviour(behaviour: .failingBatches)], "standalone: every build")
        #expect(Scenario.shippedNames.contains("stalled-build") && Scenario.shippedNames.contains("failing-batches"))
    }

    @Test func lostExecutorsLeaveOnlyTheDriver() async throws {
        try await withSimulator(.spark([.sparkBehaviour(behaviour: .executorsLost)])) { sim in
            let app = try await SparkSimApp.start(sim)
            sim.clock.advance(by: 30)
            let progress = try await app.spark.progress()
            #expect(progress.activeExecutors == 0)
            #expect(progress.completedBatches == 0)
            #expect(try await app.spark.executors().map(\.id) == ["driver"])
        }
    }

    @Test func anAppThatIsNotRunningIsNotFoundNamingTheEndpoint() async throws {
        try await withSimulator(.spark()) { sim in
            let app = try await SparkSimApp.start(sim)
            let kill = try await TestClient().yarn(
                sim.yarnEndpoints[0], "PUT", "/ws/v1/cluster/apps/\(app.appId)/state", body: #"{"state":"KILLED"}"#)
            #expect(kill.status == 202)
            sim.clock.advance(by: 10)
            let error = await #expect(throws: SparkRESTError.self) { try await app.spark.jobs() }
            #expect(error?.code == .notFound)
            #expect(error?.endpoint == "jobs")
            #expect(error?.message.contains("is not running (state KILLED)") == true, "\(String(describing: error))")
            let unknown = try SparkRESTClient(rm: app.rm, applicationId: "application_1_9999")
            let missing = await #expect(throws: SparkRESTError.self) { try await unknown.executors() }
            #expect(missing?.code == .notFound)
            #expect(missing?.endpoint == "executors")
        }
    }
}
