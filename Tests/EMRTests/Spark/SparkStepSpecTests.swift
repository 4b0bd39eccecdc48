import EMR
import Testing

struct SparkStepSpecTests {
    @Test func buildsTheSparkSubmitCommandLine() {
        let spec = SparkStepSpec(
            name: "Aggregator", application: "s3://bucket/jobs/agg-1.4.2.jar",
            mainClass: "com.acme.Aggregator", args: ["--env", "prod"],
            conf: ["spark.executor.memory": "4g", "spark.dynamicAllocation.enabled": "false"],
            tags: ["deploy-42", "team-data"])
        #expect(
            spec.commandLine == [
                "spark-submit", "--deploy-mode", "cluster", "--name", "Aggregator", "--class", "com.acme.Aggregator",
                "--conf", "spark.dynamicAllocation.enabled=false", "--conf", "spark.executor.memory=4g",
                "--conf", "spark.yarn.tags=deploy-42,team-data", "s3://bucket/jobs/agg-1.4.2.jar", "--env", "prod",
            ])
        let step = spec.stepConfig
        #expect(step.hadoopJarStep.jar == "command-runner.jar")
        #expect(step.actionOnFailure == .continue)
        #expect(step.name == "Aggregator")
    }

    @Test func parsesItsOwnStepBack() throws {
        let spec = SparkStepSpec(
            name: "App", application: "s3://b/app.py", args: ["a=b", "--flag"],
            conf: ["spark.x": "1=2"], deployMode: "client", actionOnFailure: .cancelAndWait,
            tags: ["t1"], extraOptions: ["--executor-memory", "2g", "--verbose"])
        let args = spec.commandLine
        let parsed = try SparkStepSpec(arguments: args, stepName: "App", actionOnFailure: .cancelAndWait)
        #expect(parsed == spec)
    }

    @Test func parsesTheCLIShorthandShape() throws {
        let parsed = try SparkStepSpec(arguments: [
            "spark-submit", "--deploy-mode", "cluster", "--name", "Agg", "--class", "com.acme.Agg",
            "--conf", "spark.yarn.tags=a,b", "s3://b/agg.jar",
        ])
        #expect(parsed.name == "Agg")
        #expect(parsed.mainClass == "com.acme.Agg")
        #expect(parsed.tags == ["a", "b"])
        #expect(parsed.conf.isEmpty)
        #expect(parsed.application == "s3://b/agg.jar")
        #expect(parsed.args.isEmpty)
    }

    @Test func readsTheInlineOptionFormAsSparkSubmitDoes() throws {
        let parsed = try SparkStepSpec(arguments: [
            "spark-submit", "--name=Agg", "--class=com.acme.Agg", "--conf=spark.yarn.tags=a,b", "--queue=etl",
            "s3://b/agg.jar", "x",
        ])
        #expect(parsed.name == "Agg")
        #expect(parsed.mainClass == "com.acme.Agg")
        #expect(parsed.tags == ["a", "b"])
        #expect(parsed.extraOptions == ["--queue=etl"])
        #expect(parsed.application == "s3://b/agg.jar")
        #expect(parsed.args == ["x"])
        #expect(parsed.commandLine.contains("--queue=etl"))
    }

    @Test func rejectsStepsThatAreNotSparkSubmit() {
        #expect(throws: SparkStepParseError.self) { try SparkStepSpec(arguments: ["hadoop", "jar", "x.jar"]) }
        #expect(throws: SparkStepParseError.self) {
            try SparkStepSpec(arguments: ["spark-submit", "--deploy-mode", "cluster"])
        }
    }
}
