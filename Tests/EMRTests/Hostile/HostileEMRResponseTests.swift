import Foundation
import TestSupport
import Testing

/// The EMR client against a hostile server: truncated, wrong-typed, non-UTF-8, HTML, empty and huge
/// bodies, 500/503, broken framing and stalls. Every case must end in an `EMRError` (service,
/// unreadable response or transport) naming the operation (or endpoint) and what was wrong — or,
/// for a body that is still valid, the correct value — never a crash, a hang, a silently wrong value
/// or a leaked secret. Replay a failure with `HOSTILE_SEED=<seed>`.
@Suite(.serialized)
struct HostileEMRResponseTests {
    static let casesPerOperation = 250

    @Test func mutatedBodiesFailWithTypedErrorsNamingTheOperation() async throws {
        let bodies = try await HostileEMRBodies.load()
        let harness = try await HostileEMRHarness.start()
        for operation in HostileEMROperation.allCases {
            let valid = try #require(bodies[operation])
            harness.server.respond { _ in .http(status: 200, contentType: "application/x-amz-json-1.1", body: valid) }
            guard case .value(let expected) = await harness.outcome(of: operation) else {
                Issue.record("the simulator's \(operation) body did not decode")
                continue
            }
            let seed = HostileRandom.seed(default: operation.seed, environment: ProcessInfo.processInfo.environment)
            var random = HostileRandom(seed: seed)
            let cases = HostileCases.mutations(of: valid, count: Self.casesPerOperation, random: &random)
            var thrown = 0
            for hostile in cases where await harness.check(hostile, operation, expected: expected, seed: seed) {
                thrown += 1
            }
            #expect(thrown > cases.count / 2 && thrown < cases.count, "\(operation) seed \(seed): \(thrown) of \(cases.count) threw")
        }
        await harness.stop()
    }

    @Test func brokenFramingEndsInErrorsNotHangs() async throws {
        let bodies = try await HostileEMRBodies.load()
        let harness = try await HostileEMRHarness.start()
        for operation in [HostileEMROperation.listClusters, .describeStep] {
            for hostile in HostileCases.framing(of: bodies[operation] ?? []) {
                let started = ContinuousClock.now
                await harness.check(hostile, operation, expected: 0, seed: 0)
                let elapsed = ContinuousClock.now - started
                #expect(elapsed < .seconds(HostileEMRHarness.requestTimeout * 6), "\(operation) \(hostile) took \(elapsed)")
            }
        }
        await harness.stop()
    }

    /// A server that stalls after the response head: the transport's deadline covers the body,
    /// so the call times out instead of waiting forever.
    @Test func serverStallingMidBodyTimesOut() async throws {
        let harness = try await HostileEMRHarness.start()
        let valid = Array("{\"Clusters\":[]}".utf8)
        for hostile in HostileCases.bodyStalls(of: valid) {
            await harness.check(hostile, .listClusters, expected: 0, seed: 0, deadline: HostileEMRHarness.requestTimeout * 4)
        }
        await harness.stop()
    }

    @Test func hugeAndDeeplyNestedBodiesAreRefusedWithoutStackOverflow() async throws {
        let harness = try await HostileEMRHarness.start()
        for (operation, key) in [(HostileEMROperation.listClusters, "Clusters"), (.describeCluster, "Cluster")] {
            // One 50 MB body per run is enough (debug JSONDecoder takes seconds over it).
            for hostile in HostileCases.huge(key: key) where operation == .listClusters || !hostile.label.hasPrefix("50 MB") {
                await harness.check(hostile, operation, expected: 0, seed: 0)
            }
        }
        await harness.stop()
    }
}
