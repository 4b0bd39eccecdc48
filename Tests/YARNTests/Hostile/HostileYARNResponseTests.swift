import Foundation
import TestSupport
import Testing
import YARN

/// The RM client against a hostile server: truncated, wrong-typed, non-UTF-8, HTML, empty and huge
/// bodies, 500/503, broken framing and stalls. Every case must end in a ``YARNError`` naming the
/// endpoint and what was wrong (or, for a body that is still valid, the correct value) — never a
/// crash, a hang, a silently wrong value or a leaked secret. Replay a failure with `HOSTILE_SEED=<seed>`.
@Suite(.serialized)
struct HostileYARNResponseTests {
    static let casesPerOperation = 250

    @Test(arguments: HostileYARNOperation.allCases)
    func mutatedBodiesFailWithTypedErrorsNamingTheEndpoint(_ operation: HostileYARNOperation) async throws {
        let harness = try await HostileYARNHarness.start()
        let valid = try Fixture.bytes(operation.fixture)
        harness.server.respond { _ in .http(status: 200, body: valid) }
        guard case .value(let expected) = await harness.outcome(of: operation) else {
            Issue.record("the valid fixture \(operation.fixture) did not decode")
            await harness.stop()
            return
        }
        let seed = HostileRandom.seed(default: operation.seed, environment: ProcessInfo.processInfo.environment)
        var random = HostileRandom(seed: seed)
        let cases = HostileCases.mutations(of: valid, count: Self.casesPerOperation, random: &random)
        var thrown = 0
        for hostile in cases where await harness.check(hostile, operation, expected: expected, seed: seed) {
            thrown += 1
        }
        #expect(harness.server.requestCount == cases.count + 1)
        // Most cases must fail; some (whitespace cut off, valid bodies, BOM-free repeats) decode.
        #expect(thrown > cases.count / 2 && thrown < cases.count, "\(operation) seed \(seed): \(thrown) of \(cases.count) threw")
        await harness.stop()
    }

    @Test(arguments: [HostileYARNOperation.apps, .appState, .newApplication])
    func brokenFramingEndsInErrorsNotHangs(_ operation: HostileYARNOperation) async throws {
        let harness = try await HostileYARNHarness.start()
        let valid = try Fixture.bytes(operation.fixture)
        for hostile in HostileCases.framing(of: valid) {
            let started = ContinuousClock.now
            await harness.check(hostile, operation, expected: 0, seed: 0)
            let elapsed = ContinuousClock.now - started
            #expect(elapsed < .seconds(HostileYARNHarness.requestTimeout * 6), "\(operation) \(hostile) took \(elapsed)")
        }
        await harness.stop()
    }

    /// A server that stalls after the headers (or half the body): the transport's deadline covers
    /// the body too, so the call fails with a timeout instead of waiting forever.
    @Test func serverStallingMidBodyTimesOut() async throws {
        let harness = try await HostileYARNHarness.start()
        let valid = try Fixture.bytes(HostileYARNOperation.apps.fixture)
        for hostile in HostileCases.bodyStalls(of: valid) {
            await harness.check(hostile, .apps, expected: 0, seed: 0, deadline: HostileYARNHarness.requestTimeout * 4)
        }
        await harness.stop()
    }

    @Test(arguments: [HostileYARNOperation.apps, .app, .clusterInfo])
    func hugeAndDeeplyNestedBodiesAreRefusedWithoutStackOverflow(_ operation: HostileYARNOperation) async throws {
        let harness = try await HostileYARNHarness.start()
        let key = operation == .apps ? "apps" : (operation == .app ? "app" : "clusterInfo")
        for hostile in HostileCases.huge(key: key) {
            await harness.check(hostile, operation, expected: 0, seed: 0)
        }
        await harness.stop()
    }
}
