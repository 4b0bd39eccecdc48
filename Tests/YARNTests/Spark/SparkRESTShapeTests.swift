import Foundation
import TestSupport
import Testing
import YARN

/// The Spark REST client against canned Spark 2.4, 3.x and 4.x bodies served over HTTP.
@Suite struct SparkRESTShapeTests {
    @Test func spark24DStreamsProgressComesFromStreamingStatistics() async throws {
        let server = try await SparkFixtureServer.start([
            "/jobs": try SparkFixtureServer.json("jobs-2.4.json"),
            "/executors": try SparkFixtureServer.json("executors-2.4.json"),
            "/streaming/statistics": try SparkFixtureServer.json("streaming-statistics-2.4.json"),
        ])
        defer { Task { await server.stop() } }
        let client = try SparkFixtureServer.directClient(server.baseURL)
        let progress = try await client.progress()
        #expect(progress.completedJobs == 1)
        #expect(progress.failedJobs == 1)
        #expect(progress.runningJobs == 1)
        #expect(progress.completedBatches == 57)
        #expect(progress.batchSource == .streamingStatistics)
        #expect(progress.activeExecutors == 1, "a cluster-mode driver (0 cores) is not an executor")
        #expect(progress.failedTasks == 5)
        #expect(progress.lastCompletionTime == SparkFixtureServer.date("2026-12-05T05:39:52.877GMT"))
        let executors = try await client.executors()
        #expect(executors.map(\.isExcluded) == [false, true], "2.4 says isBlacklisted")
        let statistics = try await client.streamingStatistics()
        #expect(statistics.avgProcessingTime == 2776)
        #expect(statistics.batchDuration == 10000)
    }

    @Test func spark3xThroughTheProxyCountsMicroBatchesAndFailures() async throws {
        let server = try await SparkFixtureServer.start([
            "/jobs": try SparkFixtureServer.json("jobs-3.x.json"),
            "/executors": try SparkFixtureServer.json("executors-3.x.json"),
            "/sql": try SparkFixtureServer.json("sql-3.x.json"),
            "/stages": try SparkFixtureServer.json("stages-3.x.json"),
            "/streaming/statistics": SparkFixtureServer.notServed("no streaming listener attached to aggregator"),
        ])
        defer { Task { await server.stop() } }
        let client = try SparkFixtureServer.proxyClient([server.baseURL], auth: .simple(user: "alice"))
        let progress = try await client.progress()
        #expect(progress.completedJobs == 1)
        #expect(progress.failedJobs == 1)
        #expect(progress.batchSource == .sqlExecutions)
        #expect(progress.completedBatches == 2, "batch 19 and one plain execution; batch 20 failed")
        #expect(progress.activeExecutors == 1, "executor 2 is gone and the driver has no cores")
        #expect(progress.failureReasons.first?.contains("NullPointerException") == true)
        let id = SparkFixtureServer.appId
        let jobsRequest = try #require(server.requests.first)
        #expect(jobsRequest.path == "/proxy/\(id)/api/v1/applications/\(id)/jobs")
        #expect(jobsRequest.target.contains("user.name=alice"))
        let stages = try await client.stages()
        #expect(stages.first?.status == "FAILED")
        #expect(stages.first?.failureReason?.contains("Aggregator.scala:57") == true)
        // The driver serves no DStreams statistics and sql shows batches: later polls skip that request.
        let before = server.requestCount
        _ = try await client.progress()
        #expect(server.requestCount - before == 3)
    }

    @Test func spark4xCapturedBodiesCountEachMicroBatchOnce() async throws {
        let server = try await SparkFixtureServer.start([
            "/jobs": try SparkFixtureServer.json("jobs-4.x.json"),
            "/executors": try SparkFixtureServer.json("executors-4.x.json"),
            "/sql": try SparkFixtureServer.json("sql-4.x.json"),
        ])
        defer { Task { await server.stop() } }
        let client = try SparkFixtureServer.directClient(server.baseURL, applicationId: "local-1796432886421")
        let progress = try await client.progress()
        #expect(progress.completedJobs == 3)
        #expect(progress.completedBatches == 2, "four executions, two of them nested, of batches 0 and 1")
        #expect(progress.activeExecutors == 1, "a local-mode driver runs tasks")
        #expect(progress.lastCompletionTime != nil)
    }

    @Test func aWrongTypeNamesTheEndpointAndThePath() async throws {
        let server = try await SparkFixtureServer.start([
            "/jobs": .http(status: 200, body: Array(#"[{"jobId":"seven","status":"RUNNING"}]"#.utf8))
        ])
        defer { Task { await server.stop() } }
        let client = try SparkFixtureServer.directClient(server.baseURL)
        let error = await #expect(throws: SparkRESTError.self) { try await client.jobs() }
        #expect(error?.code == .decoding)
        #expect(error?.endpoint == "jobs")
        #expect(error?.description.contains("[0].jobId") == true, "\(String(describing: error))")
    }

    @Test func directModeAsksTheDriverForItsApplicationIdOnce() async throws {
        let server = try await SparkFixtureServer.start([
            "/api/v1/applications": .http(status: 200, body: Array(#"[{"id":"local-42","name":"x","attempts":[]}]"#.utf8)),
            "/local-42/jobs": try SparkFixtureServer.json("jobs-4.x.json"),
        ])
        defer { Task { await server.stop() } }
        let client = try SparkFixtureServer.directClient(server.baseURL + "/", applicationId: nil)
        #expect(try await client.jobs().count == 3)
        #expect(try await client.jobs().count == 3)
        #expect(
            server.requests.map(\.path) == [
                "/api/v1/applications", "/api/v1/applications/local-42/jobs",
                "/api/v1/applications/local-42/jobs",
            ])
    }
}
