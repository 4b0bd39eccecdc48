import AWSCore
import EMR
import Foundation
import Logging
import TestSupport
import Testing

/// Our client and boto3 against the same moto server must observe the same clusters and steps.
@Suite(.enabled(if: Peers.shouldRun(.moto, .boto3), "moto[server] and boto3 are not installed (scripts/bootstrap.sh --with-peers)"))
struct EMRMotoComparisonTests {
    let logger = Logger(label: "emr-moto")

    static let boto3 = #"""
        import json, sys, boto3
        endpoint, op = sys.argv[1], sys.argv[2]
        arg = json.loads(sys.argv[3]) if len(sys.argv) > 3 else {}
        emr = boto3.client("emr", endpoint_url=endpoint, region_name="us-east-1",
                           aws_access_key_id="testing", aws_secret_access_key="testing")
        if op == "list_clusters":
            out = [{"Id": c["Id"], "Name": c["Name"], "State": c["Status"]["State"]}
                   for page in emr.get_paginator("list_clusters").paginate(**arg) for c in page["Clusters"]]
        elif op == "describe_cluster":
            c = emr.describe_cluster(ClusterId=arg["ClusterId"])["Cluster"]
            out = {"Id": c["Id"], "Name": c["Name"], "State": c["Status"]["State"], "ReleaseLabel": c.get("ReleaseLabel"),
                   "StepConcurrencyLevel": c.get("StepConcurrencyLevel"), "Tags": sorted([t["Key"] for t in c.get("Tags", [])])}
        elif op == "list_steps":
            out = [{"Id": s["Id"], "Name": s["Name"], "State": s["Status"]["State"], "Args": s["Config"].get("Args", [])}
                   for page in emr.get_paginator("list_steps").paginate(**arg) for s in page["Steps"]]
        print(json.dumps(out))
        """#

    func boto(_ endpoint: String, _ op: String, _ arg: [String: Any] = [:]) throws -> Any {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: arg), as: UTF8.self)
        let out = try Python.run(script: Self.boto3, arguments: [endpoint, op, json])
        return try JSONSerialization.jsonObject(with: Data(out.utf8))
    }

    @Test func clustersAndStepsMatchBoto3() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let emr = try Clients.emr(endpoint: moto.endpoint)

        let run = try await emr.runJobFlow(
            RunJobFlowRequest(
                name: "sd-moto", releaseLabel: "emr-6.15.0",
                tags: [Tag(key: "team", value: "data")],
                stepConcurrencyLevel: 2), logger: logger)
        #expect(run.jobFlowId.hasPrefix("j-"))

        // ListClusters
        let ours = try await emr.listClusters(states: ClusterState.active, logger: logger)
        let theirs = try #require(
            try boto(
                moto.endpoint, "list_clusters",
                ["ClusterStates": ClusterState.active.map(\.rawValue)]) as? [[String: String]])
        #expect(ours.map(\.id) == theirs.map { $0["Id"] ?? "" })
        #expect(ours.map { $0.name ?? "" } == theirs.map { $0["Name"] ?? "" })
        #expect(ours.map { $0.state?.rawValue ?? "" } == theirs.map { $0["State"] ?? "" })

        // DescribeCluster
        let cluster = try await emr.describeCluster(run.jobFlowId, logger: logger)
        let described = try #require(
            try boto(moto.endpoint, "describe_cluster", ["ClusterId": run.jobFlowId])
                as? [String: Any])
        #expect(cluster.name == described["Name"] as? String)
        #expect(cluster.state?.rawValue == described["State"] as? String)
        #expect(cluster.releaseLabel == described["ReleaseLabel"] as? String)
        #expect(cluster.stepConcurrencyLevel == described["StepConcurrencyLevel"] as? Int)
        #expect((cluster.tags ?? []).map(\.key).sorted() == (described["Tags"] as? [String] ?? []))

        // AddJobFlowSteps + ListSteps
        let first = SparkStepSpec(name: "Aggregator", application: "s3://b/agg-1.jar", mainClass: "com.acme.Agg")
        let second = SparkStepSpec(
            name: "Enricher", application: "s3://b/enr-2.jar", mainClass: "com.acme.Enr",
            tags: ["deploy-1"])
        let ids = try await emr.addJobFlowSteps(
            clusterId: run.jobFlowId, steps: [first.stepConfig, second.stepConfig],
            logger: logger)
        #expect(ids.count == 2)
        let steps = try await emr.listSteps(clusterId: run.jobFlowId, logger: logger)
        let botoSteps = try #require(
            try boto(moto.endpoint, "list_steps", ["ClusterId": run.jobFlowId])
                as? [[String: Any]])
        #expect(steps.map(\.id) == botoSteps.map { $0["Id"] as? String ?? "" })
        #expect(steps.map { $0.name ?? "" } == botoSteps.map { $0["Name"] as? String ?? "" })
        #expect(steps.map { $0.state?.rawValue ?? "" } == botoSteps.map { $0["State"] as? String ?? "" })
        #expect(steps.map { $0.config?.args ?? [] } == botoSteps.map { $0["Args"] as? [String] ?? [] })
        let roundTrip = try SparkStepSpec(step: try #require(steps.first { $0.name == "Enricher" }))
        #expect(roundTrip == second)

        // TerminateJobFlows
        try await emr.terminateJobFlows([run.jobFlowId], logger: logger)
        let after = try await emr.describeCluster(run.jobFlowId, logger: logger)
        let botoAfter = try #require(
            try boto(moto.endpoint, "describe_cluster", ["ClusterId": run.jobFlowId])
                as? [String: Any])
        #expect(after.state?.rawValue == botoAfter["State"] as? String)
        #expect(after.state == .terminated || after.state == .terminating)
    }

    @Test func unknownClusterIsAnAWSError() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let emr = try Clients.emr(endpoint: moto.endpoint)
        do {
            _ = try await emr.describeCluster("j-DOESNOTEXIST", logger: logger)
            Issue.record("expected an error")
        } catch let error as EMRError {
            #expect(error.kind == .service)
            #expect(error.status == 400)
            #expect(error.code == "InvalidRequestException")
        }
    }
}
