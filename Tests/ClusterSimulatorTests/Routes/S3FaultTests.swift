import ClusterSimulator
import Foundation
import HTTPTransport
import Testing

/// S3 faults over real HTTP: transport faults with target `s3`, writes applied then failed, conditional conflicts.
@Suite struct S3FaultTests {
    @Test func writeThenFailAppliesTheWriteAndAnswersInternalError() async throws {
        try await withSimulator { sim in
            let client = try TestClient()
            _ = try await client.s3(sim, "PUT", "/locks")
            await sim.apply(.s3WriteThenFail(count: 1))
            let applied = try await client.s3(sim, "PUT", "/locks/lease", body: "mine")
            #expect(applied.status == 500)  // applied, then answered 500
            let refused = try await client.s3(sim, "PUT", "/locks/lease", body: "again", headers: [("If-None-Match", "*")])
            #expect(refused.status == 412)
            let stored = try await client.s3(sim, "GET", "/locks/lease")
            #expect(text(stored) == "mine")

            await sim.apply(.s3WriteThenFail(count: 2))
            let failed = try await client.s3(
                sim, "PUT", "/locks/lease", body: "new",
                headers: [("If-Match", stored.header("ETag") ?? "")])
            #expect(failed.status == 500)
            #expect(
                text(failed).contains(
                    "<Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message>"))
            #expect(text(try await client.s3(sim, "GET", "/locks/lease")) == "new")
            let deleted = try await client.s3(sim, "DELETE", "/locks/lease")
            #expect(deleted.status == 500)
            #expect(try await client.s3(sim, "HEAD", "/locks/lease").status == 404)
            // Used up: the next write succeeds.
            #expect(try await client.s3(sim, "PUT", "/locks/lease", body: "ok").status == 200)
        }
    }

    @Test func writeThenFailCountsOnlyAppliedWrites() async throws {
        try await withSimulator { sim in
            let client = try TestClient()
            _ = try await client.s3(sim, "PUT", "/locks")
            _ = try await client.s3(sim, "PUT", "/locks/lease", body: "held")
            await sim.apply(.s3WriteThenFail(count: 1))
            let refused = try await client.s3(sim, "PUT", "/locks/lease", body: "x", headers: [("If-None-Match", "*")])
            #expect(refused.status == 412)
            #expect(try await client.s3(sim, "GET", "/locks/lease").status == 200)  // reads are not writes
            #expect(try await client.s3(sim, "PUT", "/locks/other", body: "y").status == 500)
            #expect(try await client.s3(sim, "PUT", "/locks/other", body: "z").status == 200)
        }
    }

    @Test func conditionalConflictRefusesConditionalWritesWithoutApplyingThem() async throws {
        try await withSimulator { sim in
            let client = try TestClient()
            _ = try await client.s3(sim, "PUT", "/locks")
            let first = try await client.s3(sim, "PUT", "/locks/lease", body: "v1")
            await sim.apply(.s3ConditionalConflict(count: 2))
            // Unconditional writes are not affected and do not use the fault up.
            let plain = try await client.s3(sim, "PUT", "/locks/plain", body: "p")
            #expect(plain.status == 200)
            let conflict = try await client.s3(
                sim, "PUT", "/locks/lease", body: "v2",
                headers: [("If-Match", first.header("ETag") ?? "")])
            #expect(conflict.status == 409)
            #expect(text(conflict).contains("<Error><Code>ConditionalRequestConflict</Code>"))
            let delete = try await client.s3(sim, "DELETE", "/locks/lease", headers: [("If-Match", first.header("ETag") ?? "")])
            #expect(delete.status == 409)
            #expect(text(try await client.s3(sim, "GET", "/locks/lease")) == "v1")
            let now = try await client.s3(sim, "PUT", "/locks/lease", body: "v2", headers: [("If-Match", first.header("ETag") ?? "")])
            #expect(now.status == 200)
        }
    }

    @Test func transportFaultsTargetS3Only() async throws {
        try await withSimulator { sim in
            let client = try TestClient()
            _ = try await client.s3(sim, "PUT", "/locks")
            await sim.apply(.serviceUnavailable(target: .s3, count: 2))
            #expect(try await client.emr(sim, "ListClusters").status == 200)  // EMR is not affected
            let unavailable = try await client.s3(sim, "GET", "/locks/k")
            #expect(unavailable.status == 503)
            #expect(text(unavailable).contains("<Code>ServiceUnavailable</Code>"))
            let head = try await client.s3(sim, "HEAD", "/locks/k")
            #expect(head.status == 503)
            #expect(head.body.isEmpty)
            #expect(try await client.s3(sim, "GET", "/locks/k").status == 404)

            await sim.apply(.serviceUnavailable(target: .emr, count: 1))
            #expect(try await client.s3(sim, "GET", "/locks/k").status == 404)  // an EMR fault leaves S3 alone
            #expect(try await client.emr(sim, "ListClusters").status == 503)

            await sim.apply(.connectionReset(target: .s3, count: 1))
            await #expect(throws: TransportError.self) { _ = try await client.s3(sim, "GET", "/locks/k") }
            #expect(try await client.s3(sim, "GET", "/locks/k").status == 404)
            let counts = await sim.requestCounts()
            #expect(counts["S3.GetObject"] == 5)
        }
    }

    @Test func s3FaultsCodeAsOneKeyJSONObjects() throws {
        let scenario = try Scenario.decode(
            Data(
                """
                {"faults": [{"s3WriteThenFail": {"count": 2}}, {"s3ConditionalConflict": {"count": 1}},
                            {"serviceUnavailable": {"target": "s3", "count": 3}}]}
                """.utf8))
        #expect(
            scenario.faults == [
                .s3WriteThenFail(count: 2), .s3ConditionalConflict(count: 1),
                .serviceUnavailable(target: .s3, count: 3),
            ])
        let encoded = String(decoding: try JSONEncoder().encode(Fault.s3WriteThenFail(count: 2)), as: UTF8.self)
        #expect(encoded == #"{"s3WriteThenFail":{"count":2}}"#)
    }
}
