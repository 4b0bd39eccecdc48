import AWSCore
import Foundation
import HTTPTransport
import Logging
import TestSupport
import Testing

struct JSON11ClientTests {
    @Test func nonJSONResponseNamesEndpointAndProblem() async throws {
        let server = try await TestServer.start { _, _ in .init(status: 200, body: "<html>proxy login</html>") }
        defer { Task { await server.stop() } }
        do {
            _ = try await FakeService.client(server).send(
                "ListClusters", FakeService.Input(Name: "x"),
                as: FakeService.Output.self, logger: Logger(label: "t"))
            Issue.record("expected an error")
        } catch let error as AWSResponseError {
            #expect(error.endpoint == server.baseURL)
            #expect(error.reason == "body is not JSON")
            #expect(error.description.contains("<html>proxy login</html>"))
        }
    }

    @Test func wrongShapeNamesTheKeyPath() async throws {
        struct Needs: Decodable { var Cluster: Inner; struct Inner: Decodable { var Id: String } }
        let server = try await TestServer.start { _, _ in .init(status: 200, body: #"{"Cluster":{"Name":"x"}}"#) }
        defer { Task { await server.stop() } }
        do {
            _ = try await FakeService.client(server).send(
                "DescribeCluster", FakeService.Input(Name: "x"), as: Needs.self,
                logger: Logger(label: "t"))
            Issue.record("expected an error")
        } catch let error as AWSResponseError {
            #expect(error.reason == "missing key Id at Cluster")
        }
    }

    @Test func hugeResponseIsRefused() async throws {
        let big = "{\"Value\":\"" + String(repeating: "x", count: 4096) + "\"}"
        let server = try await TestServer.start { _, _ in .init(status: 200, body: big) }
        defer { Task { await server.stop() } }
        do {
            _ = try await FakeService.client(server, maxResponseBytes: 1024).send(
                "ListClusters", FakeService.Input(Name: "x"), as: FakeService.Output.self, logger: Logger(label: "t"))
            Issue.record("expected an error")
        } catch let error as TransportError {
            // Refused while the body streams in (issue 21, item 10), not after it was read whole.
            #expect(error.kind == .responseTooLarge)
            #expect(error.description.contains("larger than the limit of 1024 bytes"))
        }
    }

    @Test func errorCodeIsStrippedAndMessageReadInEitherCase() async throws {
        let server = try await TestServer.start { _, _ in
            .init(status: 500, body: #"{"__type":"com.amazonaws.emr#InternalServerException:http://internal","Message":"boom"}"#)
        }
        defer { Task { await server.stop() } }
        do {
            _ = try await FakeService.client(server, retry: RetryConfiguration(maxAttempts: 1)).send(
                "ListClusters", FakeService.Input(Name: "x"), as: FakeService.Output.self, logger: Logger(label: "t"))
        } catch let error as AWSError {
            #expect(error.code == "InternalServerException")
            #expect(error.message == "boom")
            #expect(error.status == 500)
        }
    }

    @Test func secretsNeverReachLogsOrErrorsAtTraceLevel() async throws {
        let server = try await TestServer.start { request, index in
            // Echo the request's headers back in an error, as a misbehaving proxy might.
            index == 0
                ? .init(status: 400, body: #"{"__type":"ThrottlingException","message":"slow down"}"#)
                : .init(
                    status: 403,
                    body: "{\"__type\":\"AccessDenied\",\"Message\":\"headers: "
                        + (request.headers["X-Amz-Security-Token"] ?? "") + " "
                        + (request.headers["Authorization"] ?? "") + "\"}")
        }
        defer { Task { await server.stop() } }
        let capture = LogCapture()
        let logger = capture.logger(level: .trace)
        var errorText = ""
        do {
            _ = try await FakeService.client(server).send(
                "ListClusters", FakeService.Input(Name: "x"),
                as: FakeService.Output.self, logger: logger)
        } catch {
            errorText = String(describing: error)
            logger.trace("failed", metadata: ["error": "\(error)"])
        }
        #expect(!capture.text.isEmpty)
        #expect(errorText.contains("AccessDenied"))
        for secret in [FakeService.secret, FakeService.token] {
            #expect(!capture.text.contains(secret))
            #expect(!errorText.contains(secret))
        }
    }
}
