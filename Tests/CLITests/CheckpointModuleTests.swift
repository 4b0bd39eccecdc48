import Foundation
import TestSupport
import Testing

/// The `checkpoint` Lua module end to end through `sparkdeploy exec`: a Spark-layout checkpoint on `file://`,
/// and on WebHDFS behind `--webhdfs` (a standby NameNode first) with `$SPARKDEPLOY_HDFS_USER`.
@Suite("checkpoint module")
struct CheckpointModuleTests {
    static let offsets = #"v1\#n{"batchWatermarkMs":0,"batchTimestampMs":1700000005000,"conf":{}}\#n{"logOffset":41}"#

    static func checkpoint(at root: URL, offsets last: Int, commits lastCommit: Int) throws {
        var files = ["metadata": #"{"id":"q-1"}"#, "offsets/.\(last + 1).crc": "x"]
        for batch in 0...last { files["offsets/\(batch)"] = offsets }
        for batch in 0...lastCommit { files["commits/\(batch)"] = "v1\n{\"nextBatchWatermarkMs\":0}" }
        for (name, text) in files {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    @Test("read, markers, snapshot and restore over file://")
    func fileCheckpoint() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sd-cli-cp-\(UUID().uuidString)")
        try Self.checkpoint(at: root.appendingPathComponent("cp"), offsets: 5, commits: 4)
        let cp = "file://\(root.path)/cp"
        let lua = """
            local s = checkpoint.read('\(cp)')
            local marker = '\(cp)-stop'
            assert(not checkpoint.exists(marker))
            checkpoint.write(marker, '{"deploy_id":"d1"}')
            local marked = checkpoint.exists(marker)
            checkpoint.remove(marker); checkpoint.remove(marker)
            local snap = checkpoint.snapshot('\(cp)', 'before')
            local none = checkpoint.read('file://\(root.path)/none')
            local ok, err = pcall(checkpoint.read, 's3:/nope')
            local r = checkpoint.restore('\(cp)', 'before')
            print(s.exists, s.query_id, s.latest_offset, s.latest_commit, s.in_flight, s.batch_timestamp, s.sources[1],
                  marked, checkpoint.exists(marker), snap.offsets, snap.commits, snap.latest_commit, none.exists,
                  none.query_id, #r.removed_commits, ok)
            print(tostring(err))
            """
        let r = try CLI.run(["exec", "-e", lua])
        #expect(r.status == 0, "\(r.output)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "true\tq-1\t5\t4\ttrue\t1700000005.0\t{\"logOffset\":41}\ttrue\tfalse\t6\t5\t4\tfalse\tnil\t0\tfalse")
        #expect(lines.count > 1 && lines[1].contains("checkpoint.read: argument #1 (uri)") && lines[1].contains("s3:/nope"))
        #expect(FileManager.default.fileExists(atPath: root.path + "/cp.sparkdeploy-snapshots/before/offsets/5"))
    }

    @Test("a garbled file is a checkpoint.garbled error naming the file")
    func garbled() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sd-cli-cp-\(UUID().uuidString)")
        try Self.checkpoint(at: root, offsets: 2, commits: 1)
        try Data("v1\n{\"batchTim".utf8).write(to: root.appendingPathComponent("offsets/2"))
        let r = try CLI.run(["exec", "-e", "local ok, e = pcall(checkpoint.read, 'file://\(root.path)') print(e.code) print(e.message)"])
        #expect(r.stdout.hasPrefix("checkpoint.garbled\n"), "\(r.output)")
        #expect(r.stdout.contains("offsets file file://\(root.path)/offsets/2 is garbled"))
    }

    @Test("hdfs:// goes to --webhdfs (HA: the standby is skipped) as $SPARKDEPLOY_HDFS_USER")
    func webhdfs() async throws {
        let standby = try await FakeWebHDFS.standby()
        let active = try await FakeWebHDFS.start()
        defer {
            Task {
                await standby.stop(); await active.stop()
            }
        }
        active.put("/cp/metadata", #"{"id":"q-hdfs"}"#)
        active.put("/cp/offsets/3", Self.offsets)
        active.put("/cp/commits/3", "v1\n{}")
        let r = try CLI.run(
            [
                "exec", "--webhdfs", "\(standby.baseURL),\(active.baseURL)", "-e",
                "local s = checkpoint.read('hdfs://namenode:8020/cp') checkpoint.write('hdfs://namenode:8020/cp-stop', 'x') print(s.query_id, s.latest_commit, s.in_flight)",
            ],
            environment: ["SPARKDEPLOY_HDFS_USER": "streamer"])
        #expect(r.status == 0, "\(r.output)")
        #expect(r.stdout == "q-hdfs\t3\tfalse\n")
        #expect(active.file("/cp-stop") == "x")
        #expect(!active.userNames.isEmpty && active.userNames.allSatisfy { $0 == "streamer" })
    }
}
