import AWSCore
import Foundation
import Logging
import SparkDeployCore
import TestSupport
import Testing

struct RetryTests {
    @Test func throttlingBurstSucceedsAfterRetriesWithAttemptsLogged() async throws {
        let server = try await TestServer.start { _, index in index < 2 ? FakeService.throttled : FakeService.ok }
        defer { Task { await server.stop() } }
        let capture = LogCapture()
        let client = try FakeService.client(server)
        let out = try await client.send(
            "ListClusters", FakeService.Input(Name: "x"), as: FakeService.Output.self,
            logger: capture.logger(level: .debug))
        #expect(out.Value == "done")
        #expect(server.requests.count == 3)
        let attempts = capture.lines.filter { $0.contains("aws.operation=ListClusters") }
        #expect(attempts.count == 3)
        #expect(attempts[0].contains("aws.attempt=1") && attempts[0].contains("aws.error_code=ThrottlingException"))
        #expect(attempts[2].contains("aws.attempt=3") && attempts[2].contains("aws.status=200"))
        // Every attempt is signed again: the Authorization headers differ or at least are all present.
        #expect(server.requests.allSatisfy { $0.headers["Authorization"]?.hasPrefix("AWS4-HMAC-SHA256") == true })
        #expect(server.requests.allSatisfy { $0.headers["X-Amz-Target"] == "ElasticMapReduce.ListClusters" })
        #expect(server.requests.allSatisfy { $0.headers["Content-Type"] == "application/x-amz-json-1.1" })
    }

    @Test func nonRetryableErrorFailsAtOnce() async throws {
        let server = try await TestServer.start { _, _ in
            .init(
                status: 400, headers: ["x-amzn-RequestId": "req-bad"],
                body: #"{"__type":"InvalidRequestException","Message":"Cluster id 'j-NOPE' is not valid."}"#)
        }
        defer { Task { await server.stop() } }
        do {
            _ = try await FakeService.client(server).send(
                "DescribeCluster", FakeService.Input(Name: "x"),
                as: FakeService.Output.self, logger: Logger(label: "t"))
            Issue.record("expected an error")
        } catch let error as AWSError {
            #expect(error.code == "InvalidRequestException")
            #expect(error.message == "Cluster id 'j-NOPE' is not valid.")
            #expect(error.status == 400)
            #expect(error.requestID == "req-bad")
            #expect(error.operation == "DescribeCluster")
            #expect(error.description.contains("EMR DescribeCluster: InvalidRequestException (HTTP 400)"))
        }
        #expect(server.requests.count == 1)
    }

    @Test func attemptsAreBoundedByMaxAttempts() async throws {
        let server = try await TestServer.start { _, _ in .init(status: 503, body: "unavailable") }
        defer { Task { await server.stop() } }
        await #expect(throws: AWSError.self) {
            _ = try await FakeService.client(server, retry: RetryConfiguration(mode: .standard, maxAttempts: 4))
                .send("ListClusters", FakeService.Input(Name: "x"), as: FakeService.Output.self, logger: Logger(label: "t"))
        }
        #expect(server.requests.count == 4)
    }

    @Test func nonIdempotentCallIsNotResentAfter5xxButIsAfterThrottling() async throws {
        let server = try await TestServer.start { _, index in
            index == 0 ? FakeService.throttled : .init(status: 500, body: #"{"__type":"InternalServerError"}"#)
        }
        defer { Task { await server.stop() } }
        await #expect(throws: AWSError.self) {
            _ = try await FakeService.client(server).send(
                "AddJobFlowSteps", FakeService.Input(Name: "x"),
                as: FakeService.Output.self, idempotent: false,
                logger: Logger(label: "t"))
        }
        #expect(server.requests.count == 2)
    }

    @Test func emptyQuotaStopsRetrying() async throws {
        let server = try await TestServer.start { _, _ in FakeService.throttled }
        defer { Task { await server.stop() } }
        let quota = RetryQuota(capacity: 7)
        let client = try FakeService.client(server, quota: quota)
        await #expect(throws: AWSError.self) {
            _ = try await client.send(
                "ListClusters", FakeService.Input(Name: "x"), as: FakeService.Output.self,
                logger: Logger(label: "t"))
        }
        // One retry (cost 5) fits in 7 tokens, the second does not.
        #expect(server.requests.count == 2)
        #expect(quota.remaining == 2)
    }

    @Test func quotaRefundsOnSuccess() {
        let quota = RetryQuota()
        var state = RetryState(configuration: RetryConfiguration(), quota: quota)
        state.beginAttempt()
        #expect(state.nextDelay(after: .throttling, random: { $0.upperBound }) == 1)
        #expect(quota.remaining == 495)
        state.beginAttempt()
        #expect(state.nextDelay(after: .timeout, random: { $0.upperBound }) == 2)
        #expect(quota.remaining == 485)
        state.succeeded()
        #expect(quota.remaining == 500)
    }

    @Test func legacyModeAndEnvironmentSettings() throws {
        let home = try TempAWSHome(config: "[default]\nmax_attempts = 7\n")
        #expect(RetryConfiguration.resolve(context: try home.context()).maxAttempts == 7)
        let legacy = RetryConfiguration.resolve(context: try home.context(["AWS_RETRY_MODE": "legacy", "AWS_MAX_ATTEMPTS": ""]))
        #expect(legacy.mode == .legacy)
        let env = RetryConfiguration.resolve(context: try home.context(["AWS_MAX_ATTEMPTS": "2"]))
        #expect(env.maxAttempts == 2 && env.mode == .standard)
        #expect(RetryConfiguration(mode: .legacy).maxAttempts == 5)
        #expect(RetryConfiguration().maxAttempts == 3)
        #expect(RetryClassifier.classify(status: 400, code: "ThrottlingException", mode: .standard) == .throttling)
        #expect(RetryClassifier.classify(status: 509, code: "HTTP509", mode: .legacy) == .transient)
        #expect(RetryClassifier.classify(status: 509, code: "HTTP509", mode: .standard) == nil)
        #expect(RetryClassifier.classify(status: 400, code: "ValidationException", mode: .standard) == nil)
    }

    @Test func retryAfterHeaderSetsTheDelay() {
        #expect(RetryAfter.seconds(headers: [("x-amz-retry-after", "1500")]) == 1.5)
        #expect(RetryAfter.seconds(headers: [("Retry-After", "3")]) == 3)
        #expect(RetryAfter.delay(backoffDelay: 0.2, hint: 3, cap: 20) == 3)
        #expect(RetryAfter.delay(backoffDelay: 0.2, hint: 3600, cap: 20) == 25)
    }
}
