import ClusterSimulator
import Foundation
import HTTPTransport
import Testing

/// S3 state in snapshots, buckets from the control plane and from scenario files.
@Suite struct S3SnapshotTests {
    @Test func snapshotListsBucketsAndObjectsSoTestsCanAssertNoLeaseIsLeft() async throws {
        var scenario = Scenario.standard
        scenario.buckets = ["journal"]
        try await withSimulator(scenario) { sim in
            try await sim.createBucket("locks")
            try await sim.createBucket("locks")  // idempotent
            let client = try TestClient()
            let put = try await client.transport.send(
                HTTPRequest(
                    method: "PUT", url: sim.s3Endpoint + "/locks/apps/agg/lease",
                    body: Array("held".utf8)))
            #expect(put.status == 200)
            var snapshot = await sim.snapshot()
            #expect(snapshot.buckets == ["journal", "locks"])
            let lease = try #require(snapshot.objects(in: "locks", prefix: "apps/").first)
            #expect(lease.key == "apps/agg/lease")
            #expect(lease.etag == put.header("ETag"))
            #expect(lease.size == 4)
            #expect(abs(lease.lastModified - sim.clock.now()) < 5)

            let deleted = try await client.transport.send(HTTPRequest(method: "DELETE", url: sim.s3Endpoint + "/locks/apps/agg/lease"))
            #expect(deleted.status == 204)
            snapshot = await sim.snapshot()
            #expect(snapshot.objects(in: "locks").isEmpty)
            #expect(snapshot.objects.isEmpty)
        }
    }

    @Test func invalidBucketNamesAreRefusedWithTheRule() async throws {
        try await withSimulator { sim in
            let error = await #expect(throws: SimulatorError.self) { try await sim.createBucket("No_Such") }
            #expect(error?.description.contains("'No_Such' is not a valid bucket name") == true)
        }
    }

    @Test func scenarioBucketsDecodeAndDefaultToNone() throws {
        #expect(try Scenario.decode(Data("{}".utf8)).buckets.isEmpty)
        #expect(try Scenario.decode(Data(#"{"buckets": ["a-bucket", "b.bucket"]}"#.utf8)).buckets == ["a-bucket", "b.bucket"])
    }
}
