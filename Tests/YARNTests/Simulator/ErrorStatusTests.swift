import ClusterSimulator
import Testing
import YARN

@Suite struct ErrorStatusTests {
    @Test func unauthorizedForbiddenNotFoundAndBadRequestAreDistinctAndReadable() async throws {
        try await SimHarness.with(try SimHarness.scenario("secure-acl")) { sim in
            let anonymous = try SimHarness.client(sim)
            let e401 = await #expect(throws: YARNError.self) { try await anonymous.apps() }
            #expect(e401?.code == .unauthorized && e401?.status == 401)

            let admin = try SimHarness.client(sim, auth: .simple(user: "hadoop"))
            let app = try #require(try await admin.findApp(AppFilter(name: "Aggregator")))

            let mallory = try SimHarness.client(sim, auth: .simple(user: "mallory"))
            let e403 = await #expect(throws: YARNError.self) { try await mallory.kill(appId: app.id, timeout: 30) }
            #expect(e403?.code == .forbidden && e403?.status == 403)
            #expect(
                e403?.message.contains("Unauthorized attempt to kill appid \(app.id) by remote user mallory") == true,
                "the plain-text body is preserved")

            let e404 = await #expect(throws: YARNError.self) { try await admin.app(id: "application_1_9999") }
            #expect(e404?.code == .notFound && e404?.exception == "NotFoundException")
            #expect(e404?.description.contains("GET http") == true)

            let e400 = await #expect(throws: YARNError.self) { try await admin.apps(AppFilter(queue: "no-such-queue")) }
            #expect(e400?.code == .badRequest && e400?.status == 400)
            #expect(e400?.message.contains("no-such-queue") == true)

            let all = [e401, e403, e404, e400].compactMap { $0 }
            #expect(Set(all.map(\.code)).count == 4)
            for error in all { #expect(!error.description.isEmpty && error.description.contains("YARN")) }
        }
    }

    @Test func simpleAuthKeepsTheCookieAndAdminsMayKill() async throws {
        try await SimHarness.with(try SimHarness.scenario("secure-acl")) { sim in
            let admin = try SimHarness.client(sim, auth: .simple(user: "hadoop"))
            let app = try #require(try await admin.findApp(AppFilter(name: "Aggregator")))
            let result = try await admin.kill(appId: app.id, timeout: 60)
            #expect(result.state == .killed)
        }
    }

    @Test func transientFailuresAreRetriedWithBackoff() async throws {
        // A slow clock: the retry budget is virtual time, and a loaded machine must not spend it.
        try await SimHarness.with(try SimHarness.scenario("streaming-running"), rate: 2) { sim in
            let client = try SimHarness.client(sim)
            await sim.apply(.serviceUnavailable(target: .yarn, count: 2))
            #expect(try await client.apps(AppFilter(name: "Aggregator")).count == 1)
            await sim.apply(.connectionReset(target: .yarn, count: 1))
            #expect(try await client.apps(AppFilter(name: "Aggregator")).count == 1)
            await sim.apply(.serviceUnavailable(target: .yarn, count: 10))
            let error = await #expect(throws: YARNError.self) { try await client.apps() }
            #expect(error?.code == .unavailable && error?.status == 503)
            #expect(error?.message.contains(" rounds)") == true, "bounded by attempts or total time")
        }
    }
}
