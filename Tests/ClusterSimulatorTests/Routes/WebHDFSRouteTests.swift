import ClusterSimulator
import Foundation
import HTTPTransport
import Testing

/// WebHDFS on every RM listener, over the simulator's in-memory HDFS, as Hadoop's REST API answers:
/// the two-step OPEN and CREATE through a 307 to the "DataNode", RemoteException errors, and a standby
/// RM's listener acting as a standby NameNode.
@Suite struct WebHDFSRouteTests {
    @Test func createThenListOpenAndDeleteInTwoSteps() async throws {
        try await withSimulator { sim in
            let client = try TestClient()
            let rm = sim.yarnEndpoints[0]
            let create = try await client.yarn(rm, "PUT", "/webhdfs/v1/markers/agg.stop?op=CREATE&overwrite=true&user.name=deployer")
            #expect(create.status == 307 && create.body.isEmpty)
            let dataNode = try #require(create.header("Location"))
            #expect(dataNode.hasPrefix(rm + "/webhdfs/v1/markers/agg.stop?") && dataNode.contains("datanode=true"))
            let stored = try await client.transport.send(
                HTTPRequest(method: "PUT", url: dataNode, body: Array(#"{"deploy_id":"d-1"}"#.utf8)))
            #expect(stored.status == 201)
            #expect(
                stored.header("Location")?.hasPrefix("hdfs://") == true && stored.header("Location")?.hasSuffix("/markers/agg.stop") == true
            )

            let list = try await client.yarn(rm, "GET", "/webhdfs/v1/markers?op=LISTSTATUS&user.name=deployer")
            #expect(list.status == 200)
            let statuses = try #require((list.json["FileStatuses"] as? [String: Any])?["FileStatus"] as? [[String: Any]])
            #expect(statuses.count == 1)
            #expect(statuses.first?["pathSuffix"] as? String == "agg.stop" && statuses.first?["type"] as? String == "FILE")
            #expect(statuses.first?["length"] as? Int == 19 && statuses.first?["owner"] as? String == "deployer")
            let root = try await client.yarn(rm, "GET", "/webhdfs/v1/?op=GETFILESTATUS")
            #expect((root.json["FileStatus"] as? [String: Any])?["type"] as? String == "DIRECTORY")

            let open = try await client.yarn(rm, "GET", "/webhdfs/v1/markers/agg.stop?op=OPEN&user.name=deployer")
            #expect(open.status == 307)
            let read = try await client.transport.send(HTTPRequest(method: "GET", url: try #require(open.header("Location"))))
            #expect(read.status == 200 && read.header("Content-Type") == "application/octet-stream")
            #expect(text(read) == #"{"deploy_id":"d-1"}"#)
            #expect(try await sim.readFile("hdfs://namenode/markers/agg.stop") == read.body)

            let mkdirs = try await client.yarn(rm, "PUT", "/webhdfs/v1/a/b/c?op=MKDIRS")
            #expect(text(mkdirs) == #"{"boolean":true}"#)
            let notEmpty = try await client.yarn(rm, "DELETE", "/webhdfs/v1/a?op=DELETE&recursive=false")
            #expect(notEmpty.status == 403 && text(notEmpty).contains("PathIsNotEmptyDirectoryException"))
            #expect(text(try await client.yarn(rm, "DELETE", "/webhdfs/v1/a?op=DELETE&recursive=true")) == #"{"boolean":true}"#)
            #expect(text(try await client.yarn(rm, "DELETE", "/webhdfs/v1/markers/agg.stop?op=DELETE")) == #"{"boolean":true}"#)
            #expect(text(try await client.yarn(rm, "DELETE", "/webhdfs/v1/markers/agg.stop?op=DELETE")) == #"{"boolean":false}"#)

            let missing = try await client.yarn(rm, "GET", "/webhdfs/v1/markers/agg.stop?op=OPEN")
            #expect(missing.status == 404)
            let remote = try #require(missing.json["RemoteException"] as? [String: Any])
            #expect(remote["exception"] as? String == "FileNotFoundException")
            #expect(remote["javaClassName"] as? String == "java.io.FileNotFoundException")
            #expect(remote["message"] as? String == "File does not exist: /markers/agg.stop")
            #expect(try await client.yarn(rm, "GET", "/webhdfs/v1/x?op=FROB").status == 400)

            let counts = await sim.requestCounts()
            #expect(counts["WebHDFS.CREATE"] == 1 && counts["WebHDFS.DataNode.CREATE"] == 1 && counts["WebHDFS.LISTSTATUS"] == 1)
            #expect(counts["YARN.GET /webhdfs/v1/markers"] == nil, "not counted as the RM's REST API")
        }
    }

    @Test func aStandbyRMsListenerIsAStandbyNameNode() async throws {
        var scenario = Scenario.standard
        scenario.resourceManagers = 2
        try await withSimulator(scenario) { sim in
            let client = try TestClient()
            try await sim.writeFile("hdfs://nn/checkpoints/agg/metadata", Array(#"{"id":"q"}"#.utf8))
            let standby = try await client.yarn(sim.yarnEndpoints[1], "GET", "/webhdfs/v1/checkpoints/agg?op=LISTSTATUS")
            #expect(standby.status == 403, "no redirect: a standby NameNode refuses")
            let remote = try #require(standby.json["RemoteException"] as? [String: Any])
            #expect(remote["exception"] as? String == "StandbyException")
            #expect(remote["javaClassName"] as? String == "org.apache.hadoop.ipc.StandbyException")
            #expect((remote["message"] as? String)?.hasPrefix("Operation category READ is not supported in state standby") == true)
            let active = try await client.yarn(sim.yarnEndpoints[0], "GET", "/webhdfs/v1/checkpoints/agg?op=LISTSTATUS")
            #expect(active.status == 200)
            await sim.failover(to: 1)
            #expect(try await client.yarn(sim.yarnEndpoints[0], "GET", "/webhdfs/v1/checkpoints/agg?op=LISTSTATUS").status == 403)
            #expect(try await client.yarn(sim.yarnEndpoints[1], "GET", "/webhdfs/v1/checkpoints/agg?op=LISTSTATUS").status == 200)
        }
    }
}
