import ClusterSimulator
import Foundation
import HTTPTransport
import Testing

/// The EMR JSON 1.1 surface over real HTTP.
@Suite struct EMRRouteTests {
    @Test func describeClusterExposesTheYarnURLTagAndRealShapes() async throws {
        try await withSimulator { sim in
            let client = try TestClient()
            let list = try await client.emr(sim, "ListClusters", #"{"ClusterStates":["WAITING"]}"#)
            #expect(list.status == 200)
            #expect(list.header("x-amzn-RequestId") != nil)
            let clusters = list.json["Clusters"] as? [[String: Any]] ?? []
            #expect(clusters.count == 1)
            let id = clusters.first?["Id"] as? String ?? ""
            #expect(id.hasPrefix("j-") && id.count == 15)
            let described = try await client.emr(sim, "DescribeCluster", #"{"ClusterId":"\#(id)"}"#)
            let cluster = described.json["Cluster"] as? [String: Any] ?? [:]
            #expect(cluster["MasterPublicDnsName"] as? String == "localhost")
            let tags = cluster["Tags"] as? [[String: String]] ?? []
            #expect(tags.contains { $0["Key"] == "sparkdeploy:yarn-url" && $0["Value"] == sim.yarnEndpoints.joined(separator: ",") })
            let status = cluster["Status"] as? [String: Any] ?? [:]
            #expect(status["State"] as? String == "WAITING")
            #expect((status["Timeline"] as? [String: Any])?["CreationDateTime"] is Double)
        }
    }

    @Test func errorsUseTheRealShape() async throws {
        try await withSimulator { sim in
            let client = try TestClient()
            let unknown = try await client.emr(sim, "DescribeCluster", #"{"ClusterId":"j-NOPE"}"#)
            #expect(unknown.status == 400)
            #expect(unknown.json["__type"] as? String == "InvalidRequestException")
            #expect(unknown.json["Message"] as? String == "Cluster id 'j-NOPE' is not valid.")
            let noTarget = try await client.transport.send(
                HTTPRequest(
                    method: "POST", url: sim.emrEndpoint + "/",
                    body: Array("{}".utf8)))
            #expect(noTarget.status == 400)
            #expect(noTarget.json["__type"] as? String == "UnknownOperationException")
            let bogus = try await client.emr(sim, "FlyToTheMoon")
            #expect(bogus.json["__type"] as? String == "UnknownOperationException")
        }
    }

    @Test func listStepsPagesNewestFirstAndFilters() async throws {
        try await withSimulator { sim in
            let client = try TestClient()
            let id = await sim.createCluster(name: "paging", stepConcurrencyLevel: 1)
            let steps = (0..<60).map {
                #"{"Name":"s\#($0)","ActionOnFailure":"CONTINUE","HadoopJarStep":{"Jar":"s3://b/x.jar","MainClass":"M"}}"#
            }
            let added = try await client.emr(
                sim, "AddJobFlowSteps",
                #"{"JobFlowId":"\#(id)","Steps":[\#(steps.joined(separator: ","))]}"#)
            #expect((added.json["StepIds"] as? [String])?.count == 60)
            let page1 = try await client.emr(sim, "ListSteps", #"{"ClusterId":"\#(id)"}"#)
            let first = page1.json["Steps"] as? [[String: Any]] ?? []
            #expect(first.count == 50)
            #expect(first.first?["Name"] as? String == "s59")
            let marker = page1.json["Marker"] as? String ?? ""
            let page2 = try await client.emr(sim, "ListSteps", #"{"ClusterId":"\#(id)","Marker":"\#(marker)"}"#)
            #expect((page2.json["Steps"] as? [[String: Any]])?.count == 10)
            #expect(page2.json["Marker"] == nil)
            let pending = try await client.emr(sim, "ListSteps", #"{"ClusterId":"\#(id)","StepStates":["RUNNING"]}"#)
            #expect((pending.json["Steps"] as? [[String: Any]])?.count ?? 0 <= 1)
        }
    }

    @Test func stepStuckPendingBehindStreamingStepUntilCancelled() async throws {
        try await withSimulator(try Scenario.named("step-stuck-pending")) { sim in
            let client = try TestClient()
            let snap = await sim.snapshot()
            let cluster = snap.clusters[0].id
            let old = snap.steps[0].id
            let body =
                #"{"JobFlowId":"\#(cluster)","Steps":[{"Name":"Aggregator","ActionOnFailure":"CONTINUE","HadoopJarStep":{"Jar":"command-runner.jar","Args":["spark-submit","--deploy-mode","cluster","--name","Aggregator","--class","com.acme.Aggregator","s3://b/new.jar"]}}]}"#
            let added = try await client.emr(sim, "AddJobFlowSteps", body)
            let newStep = (added.json["StepIds"] as? [String])?.first ?? ""
            sim.clock.advance(by: 600)
            let described = try await client.emr(sim, "DescribeStep", #"{"ClusterId":"\#(cluster)","StepId":"\#(newStep)"}"#)
            #expect(((described.json["Step"] as? [String: Any])?["Status"] as? [String: Any])?["State"] as? String == "PENDING")
            let cancel = try await client.emr(
                sim, "CancelSteps",
                #"{"ClusterId":"\#(cluster)","StepIds":["\#(old)"],"StepCancellationOption":"TERMINATE_PROCESS"}"#)
            #expect((cancel.json["CancelStepsInfoList"] as? [[String: Any]])?.first?["Status"] as? String == "SUBMITTED")
            sim.clock.advance(by: 30)
            let after = await sim.snapshot()
            #expect(after.steps.first { $0.id == old }?.state == "CANCELLED")
            #expect(after.steps.first { $0.id == newStep }?.state == "RUNNING")
            #expect(after.apps(in: "RUNNING").count + after.apps(in: "ACCEPTED").count == 1)
        }
    }

    @Test func throttlingBurstThenSuccessAndRequestCounts() async throws {
        try await withSimulator(try Scenario.named("flaky-network")) { sim in
            let client = try TestClient()
            let cluster = await sim.snapshot().clusters[0].id
            var codes: [Int] = []
            for _ in 0..<4 {
                let r = try await client.emr(sim, "ListSteps", #"{"ClusterId":"\#(cluster)"}"#)
                codes.append(r.status)
                if r.status == 400 { #expect(r.json["__type"] as? String == "ThrottlingException") }
            }
            #expect(codes == [400, 400, 400, 200])
            let counts = await sim.requestCounts()
            #expect(counts["EMR.ListSteps"] == 4)
        }
    }

    @Test func runJobFlowModifyTagsAndTerminate() async throws {
        try await withSimulator { sim in
            let client = try TestClient()
            let run = try await client.emr(
                sim, "RunJobFlow",
                #"{"Name":"fresh","ReleaseLabel":"emr-7.1.0","Instances":{"KeepJobFlowAliveWhenNoSteps":true},"Tags":[{"Key":"team","Value":"data"}]}"#
            )
            let id = run.json["JobFlowId"] as? String ?? ""
            #expect((run.json["ClusterArn"] as? String)?.hasSuffix(id) == true)
            sim.clock.advance(by: 120)
            #expect(await sim.snapshot().clusters.first { $0.id == id }?.state == "WAITING")
            let mod = try await client.emr(sim, "ModifyCluster", #"{"ClusterId":"\#(id)","StepConcurrencyLevel":4}"#)
            #expect(mod.json["StepConcurrencyLevel"] as? Int == 4)
            _ = try await client.emr(sim, "AddTags", #"{"ResourceId":"\#(id)","Tags":[{"Key":"owner","Value":"me"}]}"#)
            _ = try await client.emr(sim, "RemoveTags", #"{"ResourceId":"\#(id)","TagKeys":["team"]}"#)
            let keys = await sim.snapshot().clusters.first { $0.id == id }?.tags.map(\.key) ?? []
            #expect(keys.contains("owner") && !keys.contains("team"))
            let instances = try await client.emr(sim, "ListInstances", #"{"ClusterId":"\#(id)"}"#)
            #expect((instances.json["Instances"] as? [[String: Any]])?.count == 3)
            _ = try await client.emr(sim, "TerminateJobFlows", #"{"JobFlowIds":["\#(id)"]}"#)
            sim.clock.advance(by: 30)
            #expect(await sim.snapshot().clusters.first { $0.id == id }?.state == "TERMINATED")
            let late = try await client.emr(
                sim, "AddJobFlowSteps",
                #"{"JobFlowId":"\#(id)","Steps":[{"Name":"x","HadoopJarStep":{"Jar":"x.jar"}}]}"#)
            #expect(late.json["__type"] as? String == "ValidationException")
        }
    }

    @Test func refusesNonLoopbackHosts() async {
        await #expect(throws: SimulatorError.self) {
            _ = try await Simulator.start(SimulatorOptions(host: "0.0.0.0"))
        }
    }
}
