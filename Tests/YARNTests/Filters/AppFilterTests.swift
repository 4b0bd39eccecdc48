import Testing

@testable import YARN

@Suite struct AppFilterTests {
    private let aggregator = YARNApp(
        id: "application_1_0001", state: .running, name: "Aggregator", user: "hadoop",
        queue: "default", finalStatus: .undefined, applicationType: "SPARK",
        applicationTags: ["team-a"], startedTimeMillis: 2_000)

    @Test func sendsEveryCriterionWithKnownDeSelectsOnly() {
        let filter = AppFilter(
            states: [.running, .accepted], finalStatus: .undefined, user: "hadoop", queue: "default",
            limit: 5, startedTimeBegin: 1, startedTimeEnd: 2, finishedTimeBegin: 3, finishedTimeEnd: 4,
            applicationTypes: ["SPARK"], applicationTags: ["Team-A"], name: "Aggregator")
        let items = Dictionary(uniqueKeysWithValues: filter.queryItems.map { ($0.name, $0.value) })
        #expect(items["states"] == "RUNNING,ACCEPTED")
        #expect(items["applicationTags"] == "team-a")
        #expect(items["name"] == "Aggregator")
        #expect(items["deSelects"] == "resourceRequests,timeouts,resourceInfo")
        #expect(items["limit"] == nil, "limit is applied client-side when finalStatus/name are re-checked")
        #expect(items["finishedTimeEnd"] == "4")
        #expect(AppFilter(limit: 3).queryItems.contains { $0.name == "limit" && $0.value == "3" })
        #expect(
            Set(AppFilter.DeSelect.allCases.map(\.rawValue)) == [
                "resourceRequests", "timeouts", "appNodeLabelExpression", "amNodeLabelExpression", "resourceInfo",
            ])
    }

    @Test func clientSideCheckCoversWhatOldRMsIgnore() {
        #expect(AppFilter(name: "Aggregator").matches(aggregator))
        #expect(!AppFilter(name: "aggregator").matches(aggregator), "names are case-sensitive")
        #expect(AppFilter(applicationTypes: ["spark"], applicationTags: ["TEAM-A", "other"]).matches(aggregator))
        #expect(!AppFilter(applicationTags: ["team-b"]).matches(aggregator))
        #expect(!AppFilter(states: [.accepted]).matches(aggregator))
        #expect(!AppFilter(finalStatus: .succeeded).matches(aggregator))
        #expect(!AppFilter(startedTimeBegin: 2_001).matches(aggregator))
        #expect(AppFilter(finishedTimeEnd: 0).matches(aggregator))
    }

    @Test func limitAppliesAfterClientSideChecks() {
        let apps = (1...5).map { YARNApp(id: "application_1_000\($0)", state: $0 % 2 == 0 ? .running : .killed) }
        #expect(AppFilter(states: [.killed], limit: 2).apply(to: apps).map(\.id) == ["application_1_0001", "application_1_0003"])
    }

    @Test(arguments: [
        (AppFilter(limit: 0), "limit"),
        (AppFilter(startedTimeBegin: -1), "startedTimeBegin"),
        (AppFilter(finishedTimeBegin: 5, finishedTimeEnd: 4), "finishedTimeBegin"),
        (AppFilter(states: [.killing]), "KILLING"),
        (AppFilter(finalStatus: .other("succeeded")), "finalStatus"),
    ])
    func invalidFiltersFailBeforeSending(filter: AppFilter, mentions: String) {
        let error = #expect(throws: YARNError.self) { try filter.validate() }
        #expect(error?.code == .badRequest)
        #expect(error?.message.contains(mentions) == true)
    }

    @Test func findRefusesAmbiguityNamingEveryMatch() throws {
        let twins = [
            YARNApp(id: "application_1_0002", state: .accepted, name: "A"),
            YARNApp(id: "application_1_0001", state: .running, name: "A"),
        ]
        let error = #expect(throws: YARNError.self) {
            try RMClient.single(twins, filter: AppFilter(name: "A"), operation: "findApp")
        }
        #expect(error?.code == .ambiguous)
        #expect(error?.message.contains("application_1_0001 (RUNNING), application_1_0002 (ACCEPTED)") == true)
        #expect(try RMClient.single([], filter: AppFilter(), operation: "findApp") == nil)
    }

    @Test func applicationIdsAreCheckedBeforeGoingIntoAPath() {
        #expect(ApplicationID.isValid("application_1700000000000_0001"))
        #expect(!ApplicationID.isValid("application_1_0001/../../conf"))
        #expect(!ApplicationID.isValid("application__1"))
    }
}
