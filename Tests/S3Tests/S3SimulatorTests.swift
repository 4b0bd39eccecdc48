import ClusterSimulator
import Foundation
import Logging
import S3
import TestSupport
import Testing

/// The S3 client against the simulator's S3 (the sandbox's), over HTTP: the same outcomes as moto for one
/// conversation of lease and journal calls, and the simulator's S3 faults as the client sees them.
struct S3SimulatorTests {
    let logger = Logger(label: "s3-simulator")

    /// What moto 5 answers to ``S3Conversation`` (re-checked against moto by `simulatorAndMotoAgree`).
    static let motoTranscript = [
        "create bucket: ok",
        "put If-None-Match: ok \"f97c5d29941bfb1b2fdab0874906ab82\"",
        "put If-None-Match again: 412 PreconditionFailed \"At least one of the pre-conditions you specified did not hold\"",
        "put If-Match stale: 412 PreconditionFailed \"At least one of the pre-conditions you specified did not hold\"",
        "put If-Match current: ok \"1b267619c4812cc46ee281747884ca50\"",
        "get: ok v2 current etag",
        "head: ok \"1b267619c4812cc46ee281747884ca50\" size 2 modified true",
        "head missing: 404 NoSuchKey",
        "delete If-Match stale: 412 PreconditionFailed \"At least one of the pre-conditions you specified did not hold\"",
        "delete If-Match missing: 404 NoSuchKey \"The specified key does not exist.\"",
        "put If-Match missing: 404 NoSuchKey \"The specified key does not exist.\"",
        "delete If-Match current: ok",
        "get deleted: 404 NoSuchKey \"The specified key does not exist.\"",
        "delete missing: ok",
        "put deploys/3: ok \"4878c556bc656228125612763e3fe150\"",
        "put deploys/0: ok \"4bb9e0de5005747b62cadb7fc69c584a\"",
        "put deploys/4: ok \"0bc5e803f5a926c7fdcbb1bc721d94a5\"",
        "put deploys/1: ok \"082c26c8a6bc75226a31da5495cc9292\"",
        "put deploys/2: ok \"fa3f212516c45c713781b9dae87824a9\"",
        "put other: ok \"d41d8cd98f00b204e9800998ecf8427e\"",
        "list first page: ok journal/deploys/0.json 7 \"4bb9e0de5005747b62cadb7fc69c584a\", journal/deploys/1.json 7 \"082c26c8a6bc75226a31da5495cc9292\" more",
        "list all pages: ok journal/deploys/0.json, journal/deploys/1.json, journal/deploys/2.json, journal/deploys/3.json, journal/deploys/4.json dated",
        "list no match: ok 0 objects",
        "get missing: 404 NoSuchKey \"The specified key does not exist.\"",
        "get from missing bucket: 404 NoSuchBucket \"The specified bucket does not exist\"",
        "put to missing bucket: 404 NoSuchBucket \"The specified bucket does not exist\"",
        "list missing bucket: 404 NoSuchBucket \"The specified bucket does not exist\"",
    ]

    func withSimulator<T>(_ body: (Simulator, S3Client) async throws -> T) async throws -> T {
        let sim = try await Simulator.start(SimulatorOptions())
        do {
            let result = try await body(sim, try S3Clients.s3(endpoint: sim.s3Endpoint))
            await sim.stop()
            return result
        } catch {
            await sim.stop()
            throw error
        }
    }

    @Test func simulatorAnswersTheConversationAsMotoDoes() async throws {
        let transcript = try await withSimulator { _, s3 in await S3Conversation.transcript(s3, logger: logger) }
        for (index, (got, want)) in zip(transcript, Self.motoTranscript).enumerated() {
            #expect(got == want, "call \(index + 1)")
        }
        #expect(transcript.count == Self.motoTranscript.count)
    }

    @Test(.enabled(if: Peers.shouldRun(.moto), "moto[server] is not installed (scripts/bootstrap.sh --with-peers)"))
    func simulatorAndMotoAgree() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let fromMoto = await S3Conversation.transcript(try S3Clients.s3(endpoint: moto.endpoint), logger: logger)
        let fromSimulator = try await withSimulator { _, s3 in await S3Conversation.transcript(s3, logger: logger) }
        #expect(fromSimulator == fromMoto)
        #expect(fromMoto == Self.motoTranscript)
    }

    @Test func writeThenFailIsOutcomeUnknownAndTheWriteHappened() async throws {
        try await withSimulator { sim, s3 in
            try await sim.createBucket("locks")
            await sim.apply(.s3WriteThenFail(count: 1))
            let error = try await #require(throws: S3OutcomeUnknownError.self) {
                try await s3.putObject(
                    bucket: "locks", key: "apps/agg/lease", body: Array("holder-1".utf8),
                    ifNoneMatch: true, logger: logger)
            }
            #expect(error.description.contains("PutObject s3://locks/apps/agg/lease: outcome unknown"))
            #expect(error.description.contains("InternalError"))
            #expect(await sim.requestCounts()["S3.PutObject"] == 1)  // a conditional write is not re-sent
            let stored = try await s3.getObject(bucket: "locks", key: "apps/agg/lease", logger: logger)
            #expect(stored.body == Array("holder-1".utf8))
            let snapshot = await sim.snapshot()
            #expect(snapshot.objects(in: "locks").map(\.etag) == [stored.etag])
        }
    }

    @Test func conditionalConflictIsA409TheClientMarksAsSuch() async throws {
        try await withSimulator { sim, s3 in
            try await sim.createBucket("locks")
            let etag = try await s3.putObject(bucket: "locks", key: "lease", body: Array("v1".utf8), logger: logger)
            await sim.apply(.s3ConditionalConflict(count: 1))
            let error = try await #require(throws: S3Error.self) {
                try await s3.putObject(bucket: "locks", key: "lease", body: Array("v2".utf8), ifMatch: etag, logger: logger)
            }
            #expect(error.isConditionalConflict)
            #expect(error.status == 409)
            #expect(error.requestID?.isEmpty == false)
            #expect(try await s3.getObject(bucket: "locks", key: "lease", logger: logger).body == Array("v1".utf8))
            #expect(await sim.requestCounts()["S3.PutObject"] == 2)
        }
    }

    @Test func serviceUnavailableOnAPlainGetIsRetriedAndSucceeds() async throws {
        try await withSimulator { sim, s3 in
            try await sim.createBucket("journal")
            try await s3.putObject(bucket: "journal", key: "deploys/1.json", body: Array("{}".utf8), logger: logger)
            await sim.apply(.serviceUnavailable(target: .s3, count: 2))
            let object = try await s3.getObject(bucket: "journal", key: "deploys/1.json", logger: logger)
            #expect(object.body == Array("{}".utf8))
            #expect(await sim.requestCounts()["S3.GetObject"] == 3)
        }
    }
}
