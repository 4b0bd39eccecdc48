import Foundation
import Testing

/// Issue 17, the spark-submit route: `yarn.spark_submit` needs `--allow-exec`, is a recorded mutation that
/// `--dry-run` does not run, rejects bad specs naming the field, passes SPARK_HOME/HADOOP_CONF_DIR/YARN_CONF_DIR
/// through, reads YARN's application id, and masks secret conf values everywhere. These use a stand-in
/// `$SPARK_HOME/bin/spark-submit` (a shell script printing what it got, as YARN's client would, plus its
/// `Submitted application` line); `SparkSubmitPeerTests` runs the real one.
@Suite("yarn.spark_submit")
struct SparkSubmitTests {
    static let submit = """
        return yarn.spark_submit{ jar = 's3://builds/agg-1.4.jar', class = 'com.example.Aggregator', name = 'Aggregator',
          queue = 'streaming', tags = { 'sparkdeploy-build:abc123', 'team-data' }, args = { '--window', '5 m' },
          conf = { ['spark.hadoop.fs.s3a.secret.key'] = 's3cr3t-value-17', ['spark.sql.shuffle.partitions'] = 64,
                   ['spark.dynamicAllocation.enabled'] = false } }
        """

    /// A Spark installation whose `bin/spark-submit` prints its environment and arguments, then YARN's line.
    static func fakeSparkHome() throws -> URL {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("fake-spark-\(UUID().uuidString)")
        let bin = home.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let script = """
            #!/bin/sh
            echo "ENV SPARK_HOME=$SPARK_HOME HADOOP_CONF_DIR=$HADOOP_CONF_DIR YARN_CONF_DIR=$YARN_CONF_DIR"
            for a in "$@"; do echo "ARG $a"; done
            [ -n "$FAKE_SPARK_SILENT" ] && exit 0
            echo "24/12/05 10:00:01 INFO Client: Submitted application application_1733390000000_0042"

            """
        let path = bin.appendingPathComponent("spark-submit")
        try script.write(to: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path.path)
        return home
    }

    @Test("without --allow-exec: an error naming --allow-exec, nothing run")
    func refusedWithoutAllowExec() throws {
        let home = try Self.fakeSparkHome()
        let r = try CLI.run(["exec", "-e", Self.submit], environment: ["SPARK_HOME": home.path])
        #expect(r.status == 1, "\(r.output)")
        #expect(r.stderr.contains("yarn.spark_submit: running spark-submit is not allowed (run with --allow-exec)"), "\(r.stderr)")
        #expect(!r.output.contains("Submitted application"), "\(r.output)")
    }

    @Test("--dry-run: recorded as a mutation with the masked command, not run")
    func dryRun() throws {
        let home = try Self.fakeSparkHome()
        let r = try CLI.run(
            ["exec", "--allow-exec", "--dry-run", "--output", "json", "-e", Self.submit], environment: ["SPARK_HOME": home.path])
        #expect(r.status == 0, "\(r.output)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stdout)")
        #expect(result["dry_run"] as? Bool == true)
        #expect(result["app_id"] as? String == "application_dry_run")
        #expect(
            r.stderr.contains("mutations (not performed, dry run):\n  yarn.spark_submit Aggregator \(home.path)/bin/spark-submit"),
            "\(r.stderr)")
        #expect(r.stderr.contains("--conf spark.hadoop.fs.s3a.secret.key=***"), "\(r.stderr)")
        #expect(!r.output.contains("s3cr3t-value-17"), "\(r.output)")
        #expect(!r.output.contains("ENV SPARK_HOME"), "a dry run ran spark-submit: \(r.output)")
    }

    @Test("bad input: a clear error naming the function, the field and the line")
    func badInput() throws {
        let cases = [
            ("return yarn.spark_submit{ jar = '' }", "field 'jar' is empty"),
            ("return yarn.spark_submit{ class = 'A' }", "field 'jar' is required"),
            ("return yarn.spark_submit{ jar = 'a.jar', conf = { ['spark.a=b'] = 1 } }", "field 'conf' key 'spark.a=b' contains '='"),
            ("return yarn.spark_submit{ jar = 'a.jar', conf = { ['spark.a b'] = 1 } }", "field 'conf' key 'spark.a b' contains whitespace"),
            ("return yarn.spark_submit{ jar = 'a.jar', tags = { 'a,b' } }", "field 'tags' item 1 'a,b' contains a comma"),
            (
                "return yarn.spark_submit{ jar = 'a.jar', conf = { ['spark.x'] = {} } }",
                "field 'conf' value of 'spark.x' must be a string, number or boolean, got table"
            ),
        ]
        for (code, message) in cases {
            let r = try CLI.run(["exec", "--allow-exec", "-e", code])
            #expect(r.status == 1, "\(code): \(r.output)")
            #expect(r.stderr.contains("(command line):1: yarn.spark_submit: argument #1 (spec) \(message)"), "\(code): \(r.stderr)")
        }
    }

    @Test("runs $SPARK_HOME/bin/spark-submit with the YARN command line and environment; reads the app id; masks secrets")
    func runsWithYARNCommandLine() throws {
        let home = try Self.fakeSparkHome()
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("spark-submit-\(UUID().uuidString).jsonl")
        let r = try CLI.run(
            ["exec", "--allow-exec", "--output", "json", "--log-format", "json", "--log-file", log.path, "-v", "-e", Self.submit],
            environment: ["SPARK_HOME": home.path, "HADOOP_CONF_DIR": "/etc/hadoop/conf", "YARN_CONF_DIR": "/etc/yarn/conf"])
        #expect(r.status == 0, "\(r.output)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stdout)")
        #expect(result["app_id"] as? String == "application_1733390000000_0042")
        #expect(result["exit_code"] as? Int == 0)
        let expected = [
            "\(home.path)/bin/spark-submit", "--master", "yarn", "--deploy-mode", "cluster", "--name", "Aggregator",
            "--queue", "streaming", "--class", "com.example.Aggregator",
            "--conf", "spark.dynamicAllocation.enabled=false", "--conf", "spark.hadoop.fs.s3a.secret.key=***",
            "--conf", "spark.sql.shuffle.partitions=64", "--conf", "spark.yarn.submit.waitAppCompletion=false",
            "--conf", "spark.yarn.tags=sparkdeploy-build:abc123,team-data", "s3://builds/agg-1.4.jar", "--window", "5 m",
        ]
        #expect(result["command"] as? [String] == expected)
        let tail = try #require(result["output_tail"] as? String)
        #expect(tail.contains("ENV SPARK_HOME=\(home.path) HADOOP_CONF_DIR=/etc/hadoop/conf YARN_CONF_DIR=/etc/yarn/conf"), "\(tail)")
        // The process got the real value (and echoed it): masked in the tail, the log and the log file.
        #expect(tail.contains("ARG spark.hadoop.fs.s3a.secret.key=***"), "\(tail)")
        #expect(tail.contains("ARG 5 m"), "\(tail)")
        let logged = try String(contentsOf: log, encoding: .utf8)
        #expect(logged.contains("\"msg\":\"spark-submit\""), "debug lines are in the log: \(logged)")
        #expect(logged.contains("ARG spark.yarn.submit.waitAppCompletion=false"), "\(logged)")
        for text in [r.stdout, r.stderr, logged] { #expect(!text.contains("s3cr3t-value-17"), "\(text)") }
    }

    @Test("exit 0 on YARN without YARN's 'Submitted application' line: spark_submit.noApplicationId with the output")
    func noApplicationID() throws {
        let home = try Self.fakeSparkHome()
        let lua = "local ok, e = pcall(function() \(Self.submit) end)\nprint(ok, e.code)\nprint(e.message)"
        let r = try CLI.run(["exec", "--allow-exec", "-e", lua], environment: ["SPARK_HOME": home.path, "FAKE_SPARK_SILENT": "1"])
        #expect(r.status == 0, "\(r.output)")
        #expect(r.stdout.hasPrefix("false\tspark_submit.noApplicationId\n"), "\(r.stdout)")
        #expect(r.stdout.contains("printed no 'Submitted application application_…' line; output ends:\n  ARG "), "\(r.stdout)")
        #expect(r.stdout.contains("  ARG 5 m"), "\(r.stdout)")
        #expect(!r.output.contains("s3cr3t-value-17"), "\(r.output)")
    }
}
