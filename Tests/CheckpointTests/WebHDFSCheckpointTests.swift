import Checkpoint
import Foundation
import HTTPTransport
import TestSupport
import Testing

/// The WebHDFS client and the reader over `hdfs://`, against a NameNode answering the real REST API
/// (``FakeWebHDFS``): the 307 two-step of OPEN and CREATE, HA with a standby first, Hadoop's errors.
struct WebHDFSCheckpointTests {
    static func client(_ urls: [String], user: String? = "deployer") throws -> WebHDFSClient {
        let transport = try HTTPTransport(configuration: TransportConfiguration(connectTimeout: 1, requestTimeout: 5))
        return try WebHDFSClient(baseURLs: urls, user: user, transport: transport, maxAttempts: 2, backoff: .init(base: 0.01, cap: 0.05))
    }

    static func seed(_ fake: FakeWebHDFS, at root: String, _ files: [String: String]) {
        for (name, text) in files { fake.put(root + "/" + name, text) }
    }

    @Test func readsACheckpointThroughAStandbyThenTheActiveNameNode() async throws {
        let standby = try await FakeWebHDFS.standby()
        let active = try await FakeWebHDFS.start()
        defer {
            Task {
                await standby.stop(); await active.stop()
            }
        }
        Self.seed(active, at: "/checkpoints/orders", CheckpointFixture.files(offsets: 7, commits: 6))
        let storage = WebHDFSStorage(client: try Self.client([standby.baseURL, active.baseURL]))
        let state = try await CheckpointReader(storage: storage).read(try StorageURI(parsing: "hdfs://namenode:8020/checkpoints/orders"))
        #expect(state.exists && state.queryID == CheckpointFixture.queryID)
        #expect(state.latestOffset == 7 && state.latestCommit == 6 && state.inFlight)
        #expect(state.latestOffsets?.sources == [#"{"logOffset":70}"#, "-"])
        #expect(standby.requestCount == 1, "the active NameNode is remembered after the first StandbyException")
        #expect(active.userNames.allSatisfy { $0 == "deployer" } && !active.userNames.isEmpty)
        let opens = active.server.requests.filter { $0.target.contains("op=OPEN") }
        #expect(opens.contains { $0.target.contains("datanode=true") }, "OPEN followed the 307 to the DataNode")
    }

    @Test func markerIsWrittenWithTheTwoStepCreateAndRemoved() async throws {
        let active = try await FakeWebHDFS.start()
        defer { Task { await active.stop() } }
        let storage = WebHDFSStorage(client: try Self.client([active.baseURL]))
        let marker = try StorageURI(parsing: "hdfs://namenode/markers/orders.stop")
        #expect(try await !storage.exists(marker))
        try await storage.write(marker, Array(#"{"deploy_id":"d1"}"#.utf8))
        #expect(active.file("/markers/orders.stop") == #"{"deploy_id":"d1"}"#)
        let creates = active.server.requests.filter { $0.target.contains("op=CREATE") }
        #expect(creates.count == 2 && creates[0].body.isEmpty && creates[1].target.contains("datanode=true"))
        #expect(try await storage.exists(marker))
        #expect(try await storage.delete(marker))
        #expect(try await !storage.delete(marker))
    }

    @Test func standbyOnlyIsUnreachableNamingEveryNameNode() async throws {
        let first = try await FakeWebHDFS.standby()
        let second = try await FakeWebHDFS.standby()
        defer {
            Task {
                await first.stop(); await second.stop()
            }
        }
        let reader = CheckpointReader(storage: WebHDFSStorage(client: try Self.client([first.baseURL, second.baseURL])))
        await #expect {
            try await reader.read(try StorageURI(parsing: "hdfs://namenode/cp"))
        } throws: { error in
            guard let error = error as? CheckpointError else { return false }
            return error.kind == .unreachable && error.message.contains("every one answered StandbyException")
                && error.message.contains("127.0.0.1:\(first.port): standby") && error.message.contains("127.0.0.1:\(second.port): standby")
                && error.message.contains("hdfs://namenode/cp")
        }
    }

    @Test func missingPathIsNilAndForbiddenIsAnError() async throws {
        let server = try await HostileServer.start()
        defer { Task { await server.stop() } }
        server.respond { _ in
            .http(
                status: 403,
                body: Array(
                    #"{"RemoteException":{"exception":"AccessControlException","javaClassName":"org.apache.hadoop.security.AccessControlException","message":"Permission denied: user=deployer, access=READ_EXECUTE"}}"#
                        .utf8))
        }
        let client = try Self.client([server.baseURL])
        await #expect {
            try await client.listStatus("/cp/offsets")
        } throws: { error in
            guard let error = error as? WebHDFSError else { return false }
            return error.kind == .forbidden && error.exception == "AccessControlException" && error.operation == "LISTSTATUS"
                && error.description.contains("Permission denied") && error.url.contains("/webhdfs/v1/cp/offsets?op=LISTSTATUS")
        }
        let active = try await FakeWebHDFS.start()
        defer { Task { await active.stop() } }
        #expect(try await Self.client([active.baseURL]).listStatus("/nothing") == nil)
        #expect(try await Self.client([active.baseURL]).open("/nothing") == nil)
    }

    @Test func hugeListingIsBoundedAndALargeOneIsRead() async throws {
        let active = try await FakeWebHDFS.start()
        defer { Task { await active.stop() } }
        for batch in 0..<3000 { active.put("/cp/commits/\(batch)", CheckpointFixture.commit) }
        let client = try Self.client([active.baseURL])
        #expect(try await client.listStatus("/cp/commits")?.count == 3000)
        await #expect {
            try await client.listStatus("/cp/commits", limit: 64 << 10)
        } throws: { error in
            guard let error = error as? WebHDFSError else { return false }
            return error.kind == .badResponse && error.operation == "LISTSTATUS" && error.message.contains("larger than the limit")
        }
    }

    @Test func garbledListingNamesTheOperationAndURL() async throws {
        let server = try await HostileServer.start()
        defer { Task { await server.stop() } }
        server.respond { _ in .http(status: 200, body: Array(#"{"FileStatuses":{"FileStatus":[{"pathSuffix":"#.utf8)) }
        await #expect {
            try await Self.client([server.baseURL]).listStatus("/cp/offsets")
        } throws: { error in
            guard let error = error as? WebHDFSError else { return false }
            return error.kind == .badResponse && error.description.contains("LISTSTATUS")
                && error.description.contains("not a FileStatuses listing")
        }
    }
}
