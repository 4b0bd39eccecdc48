import SparkDeployCore
import Testing

@Suite("One reader of spark-submit command lines")
struct SparkSubmitCommandTests {
    @Test("options before the application, switches without values, the rest belongs to the application")
    func splitsTheParts() {
        let command = SparkSubmitCommand([
            "spark-submit", "--deploy-mode", "cluster", "--verbose", "--conf", "spark.x=1=2", "-c", "flag",
            "--queue=etl", "s3://b/app.jar", "--name", "not-an-option",
        ])
        #expect(command.runsSparkSubmit())
        #expect(
            command.options == [
                .init(name: "--deploy-mode", value: "cluster"), .init(name: "--verbose", value: nil),
                .init(name: "--conf", value: "spark.x=1=2"), .init(name: "-c", value: "flag"),
                .init(name: "--queue", value: "etl", inline: true),
            ])
        #expect(
            command.options.flatMap(\.tokens) == [
                "--deploy-mode", "cluster", "--verbose", "--conf", "spark.x=1=2", "-c", "flag", "--queue=etl",
            ])
        #expect(command.properties.map { "\($0.key)|\($0.value)" } == ["spark.x|1=2", "flag|"])
        #expect(command.value(of: "--queue") == "etl")
        #expect(command.application == "s3://b/app.jar")
        #expect(command.applicationArguments == ["--name", "not-an-option"])
        #expect(command.optionWithoutValue == nil)
    }

    @Test("the last of a repeated option wins")
    func lastWins() {
        let command = SparkSubmitCommand(["spark-submit", "--name", "a", "--name=b", "app.py"])
        #expect(command.value(of: "--name") == "b")
    }

    @Test("what a caller must check is reported, not thrown")
    func incompleteLines() {
        #expect(SparkSubmitCommand([]).program == nil)
        #expect(!SparkSubmitCommand([]).runsSparkSubmit())
        #expect(!SparkSubmitCommand(["hadoop", "jar", "x.jar"]).runsSparkSubmit())
        #expect(!SparkSubmitCommand(["/usr/bin/spark-submit", "x.jar"]).runsSparkSubmit())
        #expect(SparkSubmitCommand(["/usr/bin/spark-submit", "x.jar"]).runsSparkSubmit(allowingPath: true))
        let dangling = SparkSubmitCommand(["spark-submit", "--deploy-mode"])
        #expect(dangling.optionWithoutValue == "--deploy-mode")
        #expect(dangling.application == nil)
        #expect(SparkSubmitCommand(["spark-submit", "--verbose"]).application == nil)
        #expect(SparkSubmitCommand(["spark-submit", "--conf="]).properties.map(\.key) == [""])
    }
}
