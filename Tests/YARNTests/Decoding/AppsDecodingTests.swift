import HTTPTransport
import Testing

@testable import YARN

@Suite struct AppsDecodingTests {
    @Test func decodesEveryAppInfoField() throws {
        let apps = try ResponseDecoding.apps(try Fixture.response("apps-hadoop3.json"), Fixture.context)
        #expect(apps.count == 3)
        let running = try #require(apps.first)
        #expect(running.id == "application_1700000000000_0001")
        #expect(running.state == .running)
        #expect(running.finalStatus == .undefined)
        #expect(running.name == "Aggregator")
        #expect(running.applicationTags == ["team-a", "Streaming"])
        #expect(running.startedTimeMillis == 1_700_000_100_000)
        #expect(running.startedTime == 1_700_000_100)
        #expect(running.finishedTime == nil, "finishedTime 0 means still running")
        #expect(running.memorySeconds == 123_456_789)
        #expect(running.allocatedMB == 4096)
        #expect(running.progress == 10)
        #expect(running.unmanagedApplication == false)
        #expect(running.trackingUI == "ApplicationMaster")
        let killed = apps[1]
        #expect(killed.state == .killed && killed.state.isTerminal)
        #expect(killed.applicationTags.isEmpty)
        #expect(killed.allocatedMB == -1)
        #expect(killed.finishedTime == 1_699_999_000)
        #expect(apps[2].name == "nightly été \"quoted\"")
    }

    @Test("apps are filtered while decoding: only the kept ones are returned, the total still counts every app")
    func keepsOnlyMatchesWhileDecoding() throws {
        let response = try Fixture.response("apps-hadoop3.json")
        var offered: [String] = []
        let decoded = try ResponseDecoding.apps(response, Fixture.context) { app in
            offered.append(app.id)
            return app.id == "application_1700000000000_0001"
        }
        #expect(decoded.total == 3)
        #expect(offered.count == 3, "every app is offered to the filter once, in order")
        #expect(decoded.apps.map(\.id) == ["application_1700000000000_0001"])
        // The filter sees each app fully decoded: the same values as a full decode.
        #expect(decoded.apps == Array(try ResponseDecoding.apps(response, Fixture.context).prefix(1)))
    }

    @Test func emptyListsOfBothHadoopGenerationsAreEmpty() throws {
        #expect(try ResponseDecoding.apps(try Fixture.response("apps-empty-hadoop3.json"), Fixture.context).isEmpty)
        #expect(try ResponseDecoding.apps(try Fixture.response("apps-empty-hadoop2.json"), Fixture.context).isEmpty)
    }

    @Test func toleratesWrongTypesAndUnknownValues() throws {
        let app = try #require(try ResponseDecoding.apps(try Fixture.response("apps-tolerant.json"), Fixture.context).first)
        #expect(app.state == .other("SOME_FUTURE_STATE"))
        #expect(!app.state.isTerminal)
        #expect(app.finalStatus == .other("MAYBE"))
        #expect(app.progress == 55.5)
        #expect(app.allocatedMB == nil)
        #expect(app.applicationTags == ["Alpha", "beta", "GAMMA"])
        #expect(app.startedTimeMillis == 1_700_000_100_000)
        #expect(app.unmanagedApplication == true)
    }

    @Test func singleObjectInsteadOfArrayIsOneApp() throws {
        let apps = try ResponseDecoding.apps(try Fixture.response("apps-single-object.json"), Fixture.context)
        #expect(apps.map(\.name) == ["solo"])
    }

    @Test func singleAppAttemptsAndNewApplicationDecode() throws {
        let app = try ResponseDecoding.app(try Fixture.response("app.json"), Fixture.context)
        #expect(app.id == "application_1700000000000_0001" && app.applicationTags == ["a"])
        let attempts = try ResponseDecoding.attempts(try Fixture.response("attempts.json"), Fixture.context)
        #expect(attempts.first?.appAttemptState == "RUNNING")
        let new = try ResponseDecoding.newApplication(try Fixture.response("new-application.json"), Fixture.context)
        #expect(new.applicationId == "application_1700000000000_0042" && new.maximumVCores == 32)
        let state = try ResponseDecoding.state(try Fixture.response("state-killing.json"), Fixture.context)
        #expect(state == .killing && !state.isPublic)
        let info = try ResponseDecoding.clusterInfo(try Fixture.response("cluster-info-standby.json"), Fixture.context)
        #expect(!info.isActive)
        #expect(info.version?.major == 3 && info.version?.minor == 3)
    }

    @Test(arguments: [
        ("apps-truncated.json", "truncated"),
        ("apps-wrong-type.json", "'apps' is a string"),
        ("apps-id-number.json", "apps.app[0]: field 'id' is a number"),
        ("apps-html.html", "HTML"),
        ("apps-not-utf8.json", "not valid UTF-8"),
    ])
    func hostileBodiesNameTheEndpointAndTheProblem(fixture: String, expected: String) throws {
        let response = try Fixture.response(fixture, contentType: fixture.hasSuffix(".html") ? "text/html" : "application/json")
        let error = try #require(throws: YARNError.self) {
            try ResponseDecoding.apps(response, Fixture.context)
        }
        #expect(error.code == .decoding)
        #expect(error.description.contains(expected), "\(error.description)")
        #expect(error.description.contains("GET http://rm1:8088/ws/v1/cluster/apps"))
    }

    @Test func emptyBodyIsADecodingError() {
        let error = #expect(throws: YARNError.self) {
            try ResponseDecoding.apps(HTTPResponse(status: 200), Fixture.context)
        }
        #expect(error?.message.contains("empty body") == true)
    }
}
