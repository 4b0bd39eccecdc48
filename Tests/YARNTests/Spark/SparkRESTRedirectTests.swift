import Foundation
import TestSupport
import Testing
import YARN

/// How the Spark REST client treats the RM web proxy's redirects and error pages, over HTTP.
@Suite struct SparkRESTRedirectTests {
    static let id = SparkFixtureServer.appId
    static let jobsPath = "/api/v1/applications/\(id)/jobs"

    @Test(arguments: [302, 307])
    func aProxyRedirectToTheDriverIsFollowedOnceWithoutTheRMsCredentials(status: Int) async throws {
        let driver = try await SparkFixtureServer.start(["/jobs": try SparkFixtureServer.json("jobs-3.x.json")])
        let rm = try await SparkFixtureServer.start(["/jobs": SparkFixtureServer.redirect(status, to: driver.baseURL + Self.jobsPath)])
        defer {
            Task {
                await driver.stop(); await rm.stop()
            }
        }
        let client = try SparkFixtureServer.proxyClient([rm.baseURL], auth: .basic(user: "alice", password: "s3cret-pw"))
        let jobs = try await client.jobs()
        #expect(jobs.map(\.jobId) == [41, 40])
        #expect(rm.requestCount == 1)
        #expect(driver.requests.map(\.path) == [Self.jobsPath])
        #expect(rm.requests.first?.header("Authorization") != nil, "the RM gets the RM's credentials")
        #expect(driver.requests.first?.header("Authorization") == nil, "another host never does")
    }

    @Test func aRelativeRedirectStaysOnTheSameHostWithCredentials() async throws {
        let server = try await SparkFixtureServer.start([
            "/proxy/\(Self.id)\(Self.jobsPath)": SparkFixtureServer.redirect(307, to: "/history\(Self.jobsPath)"),
            "/history\(Self.jobsPath)": try SparkFixtureServer.json("jobs-2.4.json"),
        ])
        defer { Task { await server.stop() } }
        let client = try SparkFixtureServer.proxyClient([server.baseURL], auth: .basic(user: "alice", password: "s3cret-pw"))
        #expect(try await client.jobs().count == 3)
        #expect(server.requests.map { $0.header("Authorization") != nil } == [true, true])
    }

    @Test func aRedirectLoopIsRefusedNamingTheEndpoint() async throws {
        let a = try await HostileServer.start()
        let b = try await HostileServer.start()
        defer {
            Task {
                await a.stop(); await b.stop()
            }
        }
        let bURL = b.baseURL + Self.jobsPath
        let aURL = a.baseURL + Self.jobsPath
        a.respond { _ in SparkFixtureServer.redirect(302, to: bURL) }
        b.respond { _ in SparkFixtureServer.redirect(302, to: aURL) }
        let client = try SparkFixtureServer.directClient(a.baseURL)
        let error = await #expect(throws: SparkRESTError.self) { try await client.jobs() }
        #expect(error?.code == .redirect)
        #expect(error?.endpoint == "jobs")
        #expect(error?.description.contains("redirect loop") == true, "\(String(describing: error))")
        #expect(a.requestCount == 1 && b.requestCount == 1, "the loop is seen before the second lap")
    }

    @Test func redirectsAreBounded() async throws {
        let server = try await HostileServer.start()
        defer { Task { await server.stop() } }
        let base = server.baseURL
        server.respond { request in
            let hop = Int(request.path.split(separator: "/").last ?? "") ?? 0
            return SparkFixtureServer.redirect(302, to: "\(base)/hop/\(hop + 1)")
        }
        let client = try SparkFixtureServer.directClient(base)
        let error = await #expect(throws: SparkRESTError.self) { try await client.executors() }
        #expect(error?.code == .redirect)
        #expect(error?.description.contains("more than 3 redirects") == true, "\(String(describing: error))")
        #expect(server.requestCount == 4)
    }

    @Test func anHTMLProxyErrorPageIsADecodingErrorNamingTheEndpoint() async throws {
        let page = Array(
            """
            <!DOCTYPE html><html><head><title>Application application_1764913000000_0009 failed</title></head>
            <body><h1>Proxy error</h1><p>The proxy could not reach the ApplicationMaster.</p></body></html>
            """.utf8)
        let server = try await SparkFixtureServer.start(["/executors": .http(status: 200, contentType: "text/html", body: page)])
        defer { Task { await server.stop() } }
        let client = try SparkFixtureServer.proxyClient([server.baseURL])
        let error = await #expect(throws: SparkRESTError.self) { try await client.executors() }
        #expect(error?.code == .decoding)
        #expect(error?.endpoint == "executors")
        let text = String(describing: error)
        #expect(text.contains("Spark REST executors failed"), "\(text)")
        #expect(text.contains("text/html") && text.contains("Proxy error"), "\(text)")
    }

    @Test func aProxyErrorStatusQuotesTheBodyAndNamesTheEndpoint() async throws {
        let server = try await SparkFixtureServer.start([
            "/sql": .http(status: 502, contentType: "text/html", body: HostileBody.htmlErrorPage)
        ])
        defer { Task { await server.stop() } }
        let client = try SparkFixtureServer.proxyClient([server.baseURL])
        let error = await #expect(throws: SparkRESTError.self) { try await client.sqlExecutions() }
        #expect(error?.code == .unavailable)
        #expect(error?.status == 502)
        #expect(error?.endpoint == "sql")
        #expect(error?.description.contains("Bad Gateway") == true)
    }

    @Test func anUnreachableRMFailsOverToTheNextOne() async throws {
        let dead = try await HostileServer.start()
        let deadURL = dead.baseURL
        await dead.stop()
        let server = try await SparkFixtureServer.start(["/jobs": try SparkFixtureServer.json("jobs-4.x.json")])
        defer { Task { await server.stop() } }
        let client = try SparkFixtureServer.proxyClient([deadURL, server.baseURL])
        #expect(try await client.jobs().count == 3)
    }

    @Test func aStandbyRMsRedirectReachesTheActiveRMWithCredentials() async throws {
        let active = try await SparkFixtureServer.start(["/jobs": try SparkFixtureServer.json("jobs-4.x.json")])
        let standby = try await HostileServer.start()
        defer {
            Task {
                await active.stop(); await standby.stop()
            }
        }
        let activeBase = active.baseURL
        standby.respond { request in SparkFixtureServer.redirect(307, to: activeBase + request.target) }
        let client = try SparkFixtureServer.proxyClient(
            [standby.baseURL, active.baseURL],
            auth: .basic(user: "alice", password: "s3cret-pw"))
        #expect(try await client.jobs().count == 3)
        #expect(active.requests.first?.header("Authorization") != nil, "a configured RM is trusted")
    }

    @Test func anOldStandbyPageMovesOnToTheNextRM() async throws {
        let standby = try await SparkFixtureServer.start([
            "/jobs": .http(
                status: 200, contentType: "text/plain", body: Array("This is standby RM. Redirecting to the current active RM".utf8))
        ])
        let active = try await SparkFixtureServer.start(["/jobs": try SparkFixtureServer.json("jobs-4.x.json")])
        defer {
            Task {
                await active.stop(); await standby.stop()
            }
        }
        let client = try SparkFixtureServer.proxyClient([standby.baseURL, active.baseURL])
        #expect(try await client.jobs().count == 3)
    }

    @Test func secretsStayOutOfErrors() async throws {
        let server = try await SparkFixtureServer.start([
            "/jobs": .http(status: 403, contentType: "text/plain", body: Array("denied for token tok-abc123".utf8))
        ])
        defer { Task { await server.stop() } }
        let client = try SparkFixtureServer.proxyClient([server.baseURL], auth: .delegationToken("tok-abc123"))
        let error = await #expect(throws: SparkRESTError.self) { try await client.jobs() }
        #expect(error?.code == .forbidden)
        #expect(String(describing: error).contains("tok-abc123") == false)
    }
}
