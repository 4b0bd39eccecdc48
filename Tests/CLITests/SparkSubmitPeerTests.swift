import Foundation
import TestSupport
import Testing

/// Issue 17, item 5: `yarn.spark_submit` with the real `spark-submit` PyPI's pyspark ships (Java 17), in
/// `--master local[1]` client mode, through `sparkdeploy exec --allow-exec`: the command line, reading the
/// local app id, the app's own output, exit codes, and the time limit killing the whole process tree.
/// Three real launches (a few seconds each), one after the other. The time limit is 6 s, not less: long
/// enough for the JVM to have started the Python driver on a loaded machine, so the kill has a child to reach. Under `SPARKDEPLOY_REQUIRE_PEERS=1` a missing pyspark or Java fails.
@Suite(
    "yarn.spark_submit with the real spark-submit (pyspark, local mode)",
    .enabled(if: Peers.shouldRun(.pyspark), "pyspark or Java is missing (scripts/bootstrap.sh --with-peers)"), .serialized)
struct SparkSubmitPeerTests {
    /// pyspark's own Spark installation (`…/site-packages/pyspark`, with `bin/spark-submit`).
    static func sparkHome() throws -> String {
        try #require(findSparkHome(), "pyspark has no bin/spark-submit under .venv/lib/python*/site-packages/pyspark")
    }

    private static func findSparkHome() -> String? {
        let lib = Peers.packageRoot.appendingPathComponent(".venv/lib")
        for version in (try? FileManager.default.contentsOfDirectory(atPath: lib.path)) ?? [] where version.hasPrefix("python") {
            let home = lib.appendingPathComponent(version).appendingPathComponent("site-packages/pyspark")
            if FileManager.default.isExecutableFile(atPath: home.appendingPathComponent("bin/spark-submit").path) { return home.path }
        }
        return nil
    }

    /// The environment: pyspark's Python for the driver (the app imports nothing else).
    static let environment = ["PYSPARK_PYTHON": Peers.python]

    /// A scratch directory holding `name` with `source`.
    static func app(_ name: String, _ source: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spark-submit-peer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try source.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        return dir
    }

    @Test("exit 0, the local app id parsed from Spark 4's event-log line, the app's output in the tail; secrets never shown")
    func succeeds() throws {
        try Peers.require(.pyspark)
        let home = try Self.sparkHome()
        let dir = try Self.app(
            "hello.py",
            """
            import sys
            from pyspark.sql import SparkSession
            spark = SparkSession.builder.getOrCreate()
            print("HELLO ARGS", sys.argv[1:], flush=True)
            spark.stop()

            """)
        let events = dir.appendingPathComponent("events")
        try FileManager.default.createDirectory(at: events, withIntermediateDirectories: true)
        let log = dir.appendingPathComponent("run.jsonl")
        let lua = """
            return yarn.spark_submit{ master = 'local[1]', deploy_mode = 'client', jar = [[\(dir.path)/hello.py]],
              args = { 'alpha', 'beta gamma' }, name = 'hello-peer', timeout = 120,
              conf = { ['spark.eventLog.enabled'] = true, ['spark.eventLog.dir'] = [[file://\(events.path)]],
                       ['spark.ui.enabled'] = false, ['spark.hadoop.fs.s3a.secret.key'] = 's3cr3t' } }
            """
        // SPARK_HOME from the environment (no spark_home field): the pass-through.
        let r = try CLI.run(
            ["exec", "--allow-exec", "--output", "json", "--log-format", "json", "--log-file", log.path, "-v", "-e", lua],
            environment: Self.environment.merging(["SPARK_HOME": home]) { $1 })
        #expect(r.status == 0, "\(r.output)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stdout)")
        #expect(result["exit_code"] as? Int == 0)
        let appID = try #require(result["app_id"] as? String, "\(r.stdout)")
        #expect(appID.hasPrefix("local-") && appID.dropFirst(6).allSatisfy(\.isNumber), "\(appID)")
        let written = try FileManager.default.contentsOfDirectory(atPath: events.path)
        #expect(written.contains { $0.hasSuffix(appID) }, "Spark's event log is named after the same id: \(written)")
        let tail = try #require(result["output_tail"] as? String)
        #expect(tail.contains("HELLO ARGS ['alpha', 'beta gamma']"), "\(tail)")
        #expect(
            result["command"] as? [String] == [
                "\(home)/bin/spark-submit", "--master", "local[1]", "--deploy-mode", "client", "--name", "hello-peer",
                "--conf", "spark.eventLog.dir=file://\(events.path)", "--conf", "spark.eventLog.enabled=true",
                "--conf", "spark.hadoop.fs.s3a.secret.key=***", "--conf", "spark.ui.enabled=false",
                "\(dir.path)/hello.py", "alpha", "beta gamma",
            ])
        let logged = try String(contentsOf: log, encoding: .utf8)
        #expect(logged.contains("HELLO ARGS"), "the output is in the run's log")
        for text in [r.stdout, r.stderr, logged] { #expect(!text.contains("s3cr3t"), "\(text)") }
    }

    @Test("a failing app (sys.exit(3)): spark_submit.failed naming exit code 3, with the app's output")
    func fails() throws {
        try Peers.require(.pyspark)
        let home = try Self.sparkHome()
        let dir = try Self.app("fail.py", "import sys\nprint('GIVING UP', flush=True)\nsys.exit(3)\n")
        let lua = """
            local ok, e = pcall(yarn.spark_submit, { master = 'local[1]', deploy_mode = 'client', spark_home = [[\(home)]],
              jar = [[\(dir.path)/fail.py]], timeout = 120 })
            print(ok, e.code, e.exit_code)
            print(e.message)
            """
        let r = try CLI.run(["exec", "--allow-exec", "-e", lua], environment: Self.environment)
        #expect(r.status == 0, "\(r.output)")
        #expect(r.stdout.hasPrefix("false\tspark_submit.failed\t3\n"), "\(r.stdout)")
        #expect(r.stdout.contains("yarn.spark_submit: spark-submit exited with code 3; output ends:"), "\(r.stdout)")
        #expect(r.stdout.contains("GIVING UP"), "\(r.stdout)")
    }

    @Test("the time limit: spark_submit.timeout, and no process of the app is left (JVM and Python driver)")
    func timesOut() throws {
        try Peers.require(.pyspark)
        let home = try Self.sparkHome()
        let marker = "sd-sleeper-\(UUID().uuidString)"
        let dir = try Self.app(
            "sleep.py", "import sys, time\nopen(sys.argv[2], 'w').write('started')\nprint('SLEEPING', flush=True)\ntime.sleep(300)\n")
        let started = dir.appendingPathComponent("started")
        let lua = """
            local ok, e = pcall(yarn.spark_submit, { master = 'local[1]', deploy_mode = 'client', spark_home = [[\(home)]],
              jar = [[\(dir.path)/sleep.py]], args = { '\(marker)', [[\(started.path)]] }, timeout = 6 })
            print(ok, e.code)
            print(e.message)
            """
        let began = Date()
        let r = try CLI.run(["exec", "--allow-exec", "-e", lua], environment: Self.environment)
        #expect(r.status == 0, "\(r.output)")
        #expect(r.stdout.hasPrefix("false\tspark_submit.timeout\n"), "\(r.stdout)")
        #expect(r.stdout.contains("did not finish within 6 s; killed"), "\(r.stdout)")
        #expect(Date().timeIntervalSince(began) < 30)
        #expect(FileManager.default.fileExists(atPath: started.path), "the Python driver had started (the kill had children to reach)")
        let left = try Self.processes(matching: marker)
        #expect(left.isEmpty, "left running: \(left)")
    }

    /// `pgrep -af pattern`: the processes whose command line contains it.
    static func processes(matching pattern: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pgrep", "-af", pattern]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
