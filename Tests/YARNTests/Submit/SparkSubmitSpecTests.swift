import Foundation
import SparkDeployCore
import Testing

@testable import YARN

/// The `spark-submit` command line `yarn.spark_submit` runs: built from the spec, checked against Spark's
/// documented options (Spark 4.3.0's `spark-submit --help`, and the YARN properties of running-on-yarn.md).
@Suite struct SparkSubmitSpecTests {
    static let full = SparkSubmitSpec(
        application: "s3://builds/aggregator-1.4.jar", mainClass: "com.example.Aggregator",
        applicationArguments: ["--input", "s3://in", "--window=5m"],
        properties: [
            "spark.sql.shuffle.partitions": "64", "spark.executor.memoryOverhead": "1g", "spark.dynamicAllocation.enabled": "false",
        ],
        name: "Aggregator", queue: "streaming", tags: ["sparkdeploy-build:abc123", "team-data"],
        driverMemory: "2g", executorMemory: "4g", numExecutors: 3, executorCores: 2,
        files: ["s3://conf/app.conf"], pyFiles: [])

    @Test("YARN cluster mode: options first, conf sorted, tags and waitAppCompletion=false, then the jar and its args")
    func yarnClusterCommandLine() throws {
        #expect(
            try Self.full.arguments() == [
                "--master", "yarn", "--deploy-mode", "cluster", "--name", "Aggregator", "--queue", "streaming",
                "--class", "com.example.Aggregator", "--driver-memory", "2g", "--executor-memory", "4g",
                "--num-executors", "3", "--executor-cores", "2", "--files", "s3://conf/app.conf",
                "--conf", "spark.dynamicAllocation.enabled=false", "--conf", "spark.executor.memoryOverhead=1g",
                "--conf", "spark.sql.shuffle.partitions=64", "--conf", "spark.yarn.submit.waitAppCompletion=false",
                "--conf", "spark.yarn.tags=sparkdeploy-build:abc123,team-data",
                "s3://builds/aggregator-1.4.jar", "--input", "s3://in", "--window=5m",
            ])
    }

    @Test("every option is one Spark 4.3.0 documents for YARN, with a value where it takes one; spark-submit's parser reads it back")
    func matchesSparkDocumentedOptions() throws {
        let help = try String(decoding: Fixture.data("spark-submit-4.3.0-help.txt"), as: UTF8.self)
        let documented = SparkSubmitDocumentedOptions(help: help)
        #expect(documented.options["--queue"] == .init(takesValue: true, section: "Spark on YARN only"))
        #expect(documented.options["--verbose"]?.takesValue == false)
        var spec = Self.full
        spec.pyFiles = ["s3://builds/deps.zip"]
        let arguments = try spec.arguments()
        let parsed = SparkSubmitCommand(["spark-submit"] + arguments)
        #expect(parsed.optionWithoutValue == nil)
        #expect(parsed.application == "s3://builds/aggregator-1.4.jar")
        #expect(parsed.applicationArguments == ["--input", "s3://in", "--window=5m"])
        for option in parsed.options {
            let entry = try #require(documented.options[option.name], "\(option.name) is not a documented spark-submit option")
            #expect(entry.takesValue == (option.value != nil), "\(option.name)")
            #expect(SparkSubmitDocumentedOptions.appliesToYARNCluster(entry.section), "\(option.name) is for \(entry.section ?? "")")
        }
        // The YARN properties it writes are documented ones, with the meaning we rely on.
        let properties = try String(decoding: Fixture.data("spark-yarn-properties.txt"), as: UTF8.self)
        let waits = try #require(properties.split(separator: "\n").first { $0.hasPrefix("spark.yarn.submit.waitAppCompletion\t") })
        #expect(waits.contains("Otherwise, the client process will exit after submission"))
        #expect(properties.contains("spark.yarn.tags\t(none)\tComma-separated list"))
        #expect(parsed.properties.contains { $0 == ("spark.yarn.submit.waitAppCompletion", "false") })
        #expect(parsed.properties.contains { $0 == ("spark.yarn.tags", "sparkdeploy-build:abc123,team-data") })
        #expect(parsed.value(of: "--py-files") == "s3://builds/deps.zip")
    }

    @Test("the client never waits in YARN cluster mode; client and local modes do not get the YARN-only property")
    func waitAppCompletion() throws {
        var spec = SparkSubmitSpec(application: "app.jar", properties: ["spark.yarn.submit.waitAppCompletion": "false"])
        #expect(try spec.arguments().contains("spark.yarn.submit.waitAppCompletion=false"))
        spec.properties = ["spark.yarn.submit.waitAppCompletion": "true"]
        let error = #expect(throws: SparkSubmitSpecError.self) { try spec.arguments() }
        #expect(error?.field == "conf")
        #expect(error?.description.contains("spark.yarn.submit.waitAppCompletion=true") == true)
        let local = SparkSubmitSpec(application: "app.py", master: "local[1]", deployMode: "client")
        #expect(try local.arguments() == ["--master", "local[1]", "--deploy-mode", "client", "app.py"])
        let yarnClient = SparkSubmitSpec(application: "app.py", deployMode: "client")
        #expect(try !yarnClient.arguments().contains { $0.hasPrefix("spark.yarn.submit") })
    }

    @Test("tags from `tags` and from conf spark.yarn.tags merge, in order, without duplicates")
    func tagsMerge() throws {
        let spec = SparkSubmitSpec(
            application: "app.jar", properties: ["spark.yarn.tags": "a,b"], tags: ["b", "c"], master: "yarn")
        #expect(try spec.arguments().contains("spark.yarn.tags=a,b,c"))
    }

    @Test(
        "bad input is a clear error naming the field",
        arguments: [
            (SparkSubmitSpec(application: ""), "jar", "is empty"),
            (SparkSubmitSpec(application: "--verbose"), "jar", "starts with '-'"),
            (SparkSubmitSpec(application: "a.jar", properties: ["spark.a=b": "1"]), "conf", "key 'spark.a=b' contains '='"),
            (SparkSubmitSpec(application: "a.jar", properties: ["spark.a b": "1"]), "conf", "key 'spark.a b' contains whitespace"),
            (SparkSubmitSpec(application: "a.jar", properties: ["": "1"]), "conf", "a key is empty"),
            (SparkSubmitSpec(application: "a.jar", properties: ["spark.x": "a\nb"]), "conf", "line break"),
            (SparkSubmitSpec(application: "a.jar", tags: ["ok", "a,b"]), "tags", "item 2 'a,b' contains a comma"),
            (SparkSubmitSpec(application: "a.jar", tags: [""]), "tags", "item 1 is empty"),
            (SparkSubmitSpec(application: "a.jar", deployMode: "remote"), "deploy_mode", "'remote' is not client or cluster"),
            (SparkSubmitSpec(application: "a.jar", mainClass: ""), "class", "is empty"),
            (SparkSubmitSpec(application: "a.jar", queue: "a queue"), "queue", "contains whitespace"),
            (SparkSubmitSpec(application: "a.jar", driverMemory: "lots"), "driver_memory", "'lots' is not a memory size"),
            (SparkSubmitSpec(application: "a.jar", numExecutors: 0), "num_executors", "0 is not a positive integer"),
            (SparkSubmitSpec(application: "a.jar", files: ["a,b"]), "files", "contains a comma"),
        ])
    func rejects(spec: SparkSubmitSpec, field: String, problem: String) throws {
        let error = #expect(throws: SparkSubmitSpecError.self) { try spec.arguments() }
        #expect(error?.field == field)
        #expect(error?.problem.contains(problem) == true, "\(error?.description ?? "no error")")
        #expect(error?.description.contains("field '\(field)'") == true)
    }

    @Test("secret-looking conf values are masked in the shown command, others are not")
    func masksSecrets() throws {
        let spec = SparkSubmitSpec(
            application: "a.jar",
            properties: [
                "spark.hadoop.fs.s3a.secret.key": "s3cr3t-value", "spark.ssl.keyPassword": "pw-value",
                "spark.hadoop.fs.s3a.access.key": "AKIDVALUE", "spark.kafka.token": "tok-value", "spark.app.owner": "team-x",
            ])
        let shown = try spec.maskedArguments().joined(separator: " ")
        for secret in ["s3cr3t-value", "pw-value", "AKIDVALUE", "tok-value"] { #expect(!shown.contains(secret), "\(shown)") }
        #expect(shown.contains("--conf spark.hadoop.fs.s3a.secret.key=***"))
        #expect(shown.contains("--conf spark.app.owner=team-x"))
        #expect(Set(spec.secretValues) == ["s3cr3t-value", "pw-value", "AKIDVALUE", "tok-value"])
        #expect(try spec.arguments().contains("spark.hadoop.fs.s3a.secret.key=s3cr3t-value"), "the process itself gets the value")
    }

    @Test("the application id: YARN's client line, Spark 4's local event-log line, standalone; nothing else")
    func applicationID() {
        let yarn = "24/12/05 10:00:01 INFO Client: Submitted application application_1733390000000_0042\n"
        #expect(SparkSubmitOutput.applicationID(in: "noise\n" + yarn) == "application_1733390000000_0042")
        let rolling =
            "26/12/05 06:39:52 INFO RollingEventLogFilesWriter: Logging events to file:/tmp/ev/eventlog_v2_local-1796452792050/events_1_local-1796452792050.zstd"
        #expect(SparkSubmitOutput.applicationID(in: rolling) == "local-1796452792050")
        let single = "INFO SingleEventLogFileWriter: Logging events to file:/tmp/ev/local-1733390000123.inprogress"
        #expect(SparkSubmitOutput.applicationID(in: single) == "local-1733390000123")
        let standalone = "INFO StandaloneSchedulerBackend: Connected to Spark cluster with app ID app-20241205100001-0003"
        #expect(SparkSubmitOutput.applicationID(in: standalone) == "app-20241205100001-0003")
        #expect(SparkSubmitOutput.applicationID(in: "INFO SparkContext: Submitted application: hello\n") == nil)
        #expect(SparkSubmitOutput.applicationID(in: "print('local-123') and application_1_2\n") == nil)
    }
}
