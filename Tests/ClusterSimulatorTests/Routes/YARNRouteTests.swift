import ClusterSimulator
import Foundation
import HTTPTransport
import Testing

/// The YARN RM REST surface over real HTTP.
@Suite struct YARNRouteTests {
    func apps(_ r: HTTPResponse) -> [[String: Any]] {
        ((r.json["apps"] as? [String: Any])?["app"] as? [[String: Any]]) ?? []
    }

    @Test func killWalksFrom202To200AndFailsTheStep() async throws {
        try await withSimulator(try Scenario.named("streaming-running")) { sim in
            let client = try TestClient()
            let rm = sim.yarnEndpoints[0]
            let running = try await client.yarn(rm, "GET", "/ws/v1/cluster/apps?states=running&applicationTags=AGGREGATOR")
            let list = apps(running)
            #expect(list.count == 1)
            let id = list.first?["id"] as? String ?? ""
            #expect(list.first?["applicationTags"] as? String == "deploy,aggregator")
            #expect(list.first?["trackingUI"] as? String == "ApplicationMaster")
            let bad = try await client.yarn(rm, "PUT", "/ws/v1/cluster/apps/\(id)/state", body: #"{"state":"FINISHED"}"#)
            #expect(bad.status == 400)
            #expect(
                (bad.json["RemoteException"] as? [String: Any])?["message"] as? String
                    == "java.lang.Exception: Only 'KILLED' is allowed as a target state.")
            let kill = try await client.yarn(
                rm, "PUT", "/ws/v1/cluster/apps/\(id)/state",
                body: #"{"state":"KILLED","diagnostics":"redeploy"}"#)
            #expect(kill.status == 202)
            #expect(kill.json["state"] as? String == "KILLING")
            #expect(kill.header("Location") == "\(rm)/ws/v1/cluster/apps/\(id)/state")
            let view = try await client.yarn(rm, "GET", "/ws/v1/cluster/apps/\(id)")
            #expect((view.json["app"] as? [String: Any])?["state"] as? String == "RUNNING")
            sim.clock.advance(by: 5)
            let again = try await client.yarn(rm, "PUT", "/ws/v1/cluster/apps/\(id)/state", body: #"{"state":"KILLED"}"#)
            #expect(again.status == 200)
            #expect(again.json["state"] as? String == "KILLED")
            let app = (try await client.yarn(rm, "GET", "/ws/v1/cluster/apps/\(id)")).json["app"] as? [String: Any]
            #expect(app?["finalStatus"] as? String == "KILLED")
            #expect((app?["diagnostics"] as? String)?.hasPrefix("Application \(id) was killed by user dr.who at 127.0.0.1") == true)
            #expect(app?["allocatedMB"] as? Int == -1)
            #expect(await sim.snapshot().steps[0].state == "FAILED")
        }
    }

    @Test func filterValidationUsesTheRMsMessages() async throws {
        try await withSimulator { sim in
            let client = try TestClient()
            let rm = sim.yarnEndpoints[0]
            func message(_ q: String) async throws -> (Int, String, String) {
                let r = try await client.yarn(rm, "GET", "/ws/v1/cluster/apps?\(q)")
                let e = r.json["RemoteException"] as? [String: Any] ?? [:]
                return (r.status, e["exception"] as? String ?? "", e["message"] as? String ?? "")
            }
            let s = try await message("states=BOGUS")
            #expect(
                s == (
                    400, "BadRequestException",
                    "java.lang.Exception: Invalid application-state BOGUS specified. "
                        + "It should be one of [NEW, NEW_SAVING, SUBMITTED, ACCEPTED, RUNNING, FINISHED, FAILED, KILLED]"
                ))
            let f = try await message("finalStatus=succeeded")
            #expect(
                f == (
                    400, "IllegalArgumentException",
                    "No enum constant org.apache.hadoop.yarn.api.records.FinalApplicationStatus.succeeded"
                ))
            #expect(try await message("limit=abc").2 == "java.lang.Exception: limit value must be a number!")
            #expect(try await message("limit=0").2 == "java.lang.Exception: limit value must be greater then 0")
            #expect(try await message("deSelects=nope").0 == 400)
            #expect(try await message("startedTimeBegin=10&startedTimeEnd=5").0 == 400)
            let empty = try await client.yarn(rm, "GET", "/ws/v1/cluster/apps")
            #expect(empty.text == #"{"apps":{}}"#)
            let missing = try await client.yarn(rm, "GET", "/ws/v1/cluster/apps/application_1_0099")
            #expect(missing.status == 404)
            #expect(
                (missing.json["RemoteException"] as? [String: Any])?["message"] as? String
                    == "java.lang.Exception: app with id: application_1_0099 not found")
            let malformed = try await client.yarn(rm, "GET", "/ws/v1/cluster/apps/application_invalid_12")
            #expect(malformed.status == 400)
            #expect(
                (malformed.json["RemoteException"] as? [String: Any])?["message"] as? String
                    == "java.lang.IllegalArgumentException: Invalid ApplicationId: application_invalid_12")
        }
    }

    @Test func hadoop2ReturnsNullAndIgnoresTheNameFilter() async throws {
        try await withSimulator(try Scenario.named("hadoop2-legacy")) { sim in
            let client = try TestClient()
            let rm = sim.yarnEndpoints[0]
            let byName = try await client.yarn(rm, "GET", "/ws/v1/cluster/apps?name=SomethingElse")
            #expect(apps(byName).count == 1, "Hadoop 2 ignores name=")
            // deSelects came with Hadoop 2.9 (YARN-6280): 2.8.5 ignores it, unknown values included.
            let deselected = try await client.yarn(rm, "GET", "/ws/v1/cluster/apps?deSelects=resourceRequests,nope")
            #expect(deselected.status == 200)
            #expect(apps(deselected).first?["resourceRequests"] != nil, "Hadoop 2.8 answers resourceRequests anyway")
            let none = try await client.yarn(rm, "GET", "/ws/v1/cluster/apps?states=FAILED")
            #expect(none.text == #"{"apps":null}"#)
            let cluster = await sim.snapshot().clusters[0].id
            let step = await sim.snapshot().steps[0].id
            let cancel = try await client.emr(sim, "CancelSteps", #"{"ClusterId":"\#(cluster)","StepIds":["\#(step)"]}"#)
            #expect((cancel.json["CancelStepsInfoList"] as? [[String: Any]])?.first?["Status"] as? String == "FAILED")
        }
    }

    @Test func standbyRedirectsAndFailoverMovesTheActiveRM() async throws {
        try await withSimulator(try Scenario.named("rm-failover")) { sim in
            let client = try TestClient()
            #expect(sim.yarnEndpoints.count == 3)
            let standby = sim.yarnEndpoints[2]
            let r = try await client.yarn(standby, "GET", "/ws/v1/cluster/apps?states=RUNNING")
            #expect(r.status == 307)
            let location = "\(sim.yarnEndpoints[0])/ws/v1/cluster/apps?states=RUNNING"
            #expect(r.header("Location") == location)
            #expect(r.text == "This is standby RM. The redirect url is: \(location)")
            let info = try await client.yarn(standby, "GET", "/ws/v1/cluster/info")
            #expect((info.json["clusterInfo"] as? [String: Any])?["haState"] as? String == "STANDBY")
            #expect(try await client.yarn(standby, "GET", "/isActive").status == 405)
            sim.clock.advance(by: 61)
            let now = try await client.yarn(sim.yarnEndpoints[1], "GET", "/isActive")
            #expect(now.status == 200 && now.text == "I am Active!")
            await sim.failover(to: 2)
            #expect(try await client.yarn(standby, "GET", "/ws/v1/cluster/apps").status == 200)
            #expect(await sim.snapshot().activeRM == 2)
        }
    }

    @Test func secureClusterDemandsAUserAndEnforcesACLsAndCSRF() async throws {
        try await withSimulator(try Scenario.named("secure-acl")) { sim in
            let client = try TestClient()
            let rm = sim.yarnEndpoints[0]
            #expect(try await client.yarn(rm, "GET", "/ws/v1/cluster/apps").status == 401)
            let listed = try await client.yarn(rm, "GET", "/ws/v1/cluster/apps?user.name=alice")
            #expect(listed.status == 200)
            let cookie = listed.header("Set-Cookie") ?? ""
            #expect(cookie.hasPrefix("hadoop.auth="))
            let id = apps(listed).first?["id"] as? String ?? ""
            let viaCookie = try await client.yarn(
                rm, "GET", "/ws/v1/cluster/apps/\(id)",
                headers: [("Cookie", String(cookie.split(separator: ";")[0]))])
            #expect(viaCookie.status == 200)
            let denied = try await client.yarn(
                rm, "PUT", "/ws/v1/cluster/apps/\(id)/state?user.name=alice",
                body: #"{"state":"KILLED"}"#)
            #expect(denied.status == 403)
            #expect(denied.text == "Unauthorized attempt to kill appid \(id) by remote user alice")
            let browser = try await client.yarn(
                rm, "PUT", "/ws/v1/cluster/apps/\(id)/state?user.name=hadoop",
                body: #"{"state":"KILLED"}"#, headers: [("User-Agent", "Mozilla/5.0")])
            #expect(browser.status == 400)
            #expect(browser.text == "Missing Required Header for CSRF Vulnerability Protection")
            let owner = try await client.yarn(
                rm, "PUT", "/ws/v1/cluster/apps/\(id)/state?user.name=hadoop",
                body: #"{"state":"KILLED"}"#)
            #expect(owner.status == 202)
        }
    }

    @Test func submitMoveAndAttempts() async throws {
        try await withSimulator { sim in
            let client = try TestClient()
            let rm = sim.yarnEndpoints[0]
            let new = try await client.yarn(rm, "POST", "/ws/v1/cluster/apps/new-application")
            let id = new.json["application-id"] as? String ?? ""
            let submit = try await client.yarn(
                rm, "POST", "/ws/v1/cluster/apps",
                body:
                    #"{"application-id":"\#(id)","application-name":"rest-app","application-type":"YARN","application-tags":{"tag":["Rest"]}}"#
            )
            #expect(submit.status == 202)
            #expect(submit.header("Location") == "\(rm)/ws/v1/cluster/apps/\(id)")
            let fresh = (try await client.yarn(rm, "GET", "/ws/v1/cluster/apps/\(id)")).json["app"] as? [String: Any]
            // NEW_SAVING at once; SUBMITTED if the machine was slow to ask (both precede ACCEPTED).
            #expect(["NEW_SAVING", "SUBMITTED"].contains(fresh?["state"] as? String ?? ""))
            #expect(fresh?["trackingUI"] as? String == "UNASSIGNED")
            sim.clock.advance(by: 10)
            let attempts = try await client.yarn(rm, "GET", "/ws/v1/cluster/apps/\(id)/appattempts")
            #expect(((attempts.json["appAttempts"] as? [String: Any])?["appAttempt"] as? [[String: Any]])?.count == 1)
            let move = try await client.yarn(rm, "PUT", "/ws/v1/cluster/apps/\(id)/queue", body: #"{"queue":"default"}"#)
            #expect(move.status == 200)
            let counts = await sim.requestCounts()
            #expect(counts["YARN.GET /ws/v1/cluster/apps/{appid}"] == 1)
        }
    }

    @Test func faultsCrashAndFailToStart() async throws {
        try await withSimulator(try Scenario.named("app-fails-to-start")) { sim in
            let cluster = await sim.snapshot().clusters[0].id
            let error = await #expect(throws: SimulatorError.self) {
                _ = try await sim.startStreamingJob(clusterId: cluster, name: "A", jar: "s3://b/a.jar", mainClass: "M")
            }
            #expect(error?.operation == "startStreamingJob")
            #expect(error?.reason.hasSuffix(" ended FAILED instead of RUNNING") == true, "\(String(describing: error))")
            #expect(await sim.snapshot().steps[0].state == "FAILED")
        }
        try await withSimulator(try Scenario.named("crash-loop")) { sim in
            let cluster = await sim.snapshot().clusters[0].id
            let (_, appId) = try await sim.startStreamingJob(clusterId: cluster, name: "A", jar: "s3://b/a.jar", mainClass: "M")
            sim.clock.advance(by: 31)
            #expect(await sim.snapshot().apps.first { $0.id == appId }?.state == "ACCEPTED")
        }
    }

    @Test func killLingersAndDriverSurvivesInterrupt() async throws {
        try await withSimulator(try Scenario.named("kill-lingers")) { sim in
            let client = try TestClient()
            let rm = sim.yarnEndpoints[0]
            let id = await sim.snapshot().apps[0].id
            _ = try await client.yarn(rm, "PUT", "/ws/v1/cluster/apps/\(id)/state", body: #"{"state":"KILLED"}"#)
            sim.clock.advance(by: 60)
            let state = try await client.yarn(rm, "GET", "/ws/v1/cluster/apps/\(id)/state")
            #expect(state.json["state"] as? String == "KILLING")
            sim.clock.advance(by: 61)
            #expect(try await client.yarn(rm, "GET", "/ws/v1/cluster/apps/\(id)/state").json["state"] as? String == "KILLED")
        }
        try await withSimulator(try Scenario.named("driver-survives-interrupt")) { sim in
            let client = try TestClient()
            let snap = await sim.snapshot()
            _ = try await client.emr(
                sim, "CancelSteps",
                #"{"ClusterId":"\#(snap.clusters[0].id)","StepIds":["\#(snap.steps[0].id)"]}"#)
            sim.clock.advance(by: 30)
            let after = await sim.snapshot()
            #expect(after.steps[0].state == "CANCELLED")
            #expect(after.apps[0].state == "RUNNING", "the cluster-mode driver survived SEND_INTERRUPT")
        }
    }

    @Test func flakyAndUnreachableRMs() async throws {
        try await withSimulator(try Scenario.named("flaky-network")) { sim in
            let client = try TestClient()
            let rm = sim.yarnEndpoints[0]
            #expect(try await client.yarn(rm, "GET", "/ws/v1/cluster/apps").status == 503)
            #expect(try await client.yarn(rm, "GET", "/ws/v1/cluster/apps").status == 503)
            await #expect(throws: TransportError.self) { _ = try await client.yarn(rm, "GET", "/ws/v1/cluster/apps") }
            #expect(try await client.yarn(rm, "GET", "/ws/v1/cluster/apps").status == 200)
        }
        try await withSimulator(try Scenario.named("rm-unreachable")) { sim in
            let client = try TestClient()
            await #expect(throws: TransportError.self) {
                _ = try await client.yarn(sim.yarnEndpoints[0], "GET", "/ws/v1/cluster/info")
            }
            let info = try await client.yarn(sim.yarnEndpoints[1], "GET", "/ws/v1/cluster/info")
            #expect((info.json["clusterInfo"] as? [String: Any])?["haState"] as? String == "ACTIVE")
            await sim.clearFaults()
            #expect(try await client.yarn(sim.yarnEndpoints[0], "GET", "/ws/v1/cluster/info").status == 200)
        }
    }

    @Test func largeClusterListsTwentyThousandApps() async throws {
        try await withSimulator(try Scenario.named("large-cluster")) { sim in
            let client = try TestClient()
            let rm = sim.yarnEndpoints[0]
            _ = try await client.yarn(rm, "GET", "/ws/v1/cluster/apps?limit=1")
            // Speed is measured by Benchmarks/ (big cluster), not asserted here.
            let all = try await client.yarn(rm, "GET", "/ws/v1/cluster/apps")
            #expect(all.status == 200)
            #expect(all.body.count > 20_001 * 1_200, "realistic AppInfo size")
            let running = try await client.yarn(rm, "GET", "/ws/v1/cluster/apps?states=RUNNING&applicationTypes=spark")
            #expect(apps(running).count >= 1)
            let named = try await client.yarn(rm, "GET", "/ws/v1/cluster/apps?name=Aggregator")
            #expect(apps(named).count == 1)
        }
    }
}
