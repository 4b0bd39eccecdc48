/// The log files of a simulated Spark app's AM container (the driver, in cluster mode), as a NodeManager
/// serves them: deterministic text (a pure function of the app and the attempt), a few KB at most, and
/// free of secrets. `stderr` tells the attempt's fate the way Spark on YARN logs it.
enum ContainerLogs {
    /// The files every AM container has.
    static let files = ["stderr", "stdout", "prelaunch.err", "prelaunch.out"]

    /// The text of `file` of attempt `attempt` of `app`, nil for a file the container does not have.
    static func file(_ file: String, app: YarnApp, attempt: SimAttempt, batchSeconds: Double) -> String? {
        switch file {
        case "stderr": return stderr(app: app, attempt: attempt, batchSeconds: batchSeconds)
        case "stdout", "prelaunch.err": return ""
        case "prelaunch.out":
            return "Setting up env variables\nSetting up job resources\nCopying debugging information\nLaunching container\n"
        default: return nil
        }
    }

    /// The AM's stderr: start-up, then (once RUNNING) the driver's behaviour, then how the attempt ended.
    static func stderr(app: YarnApp, attempt: SimAttempt, batchSeconds: Double) -> String {
        var lines: [String] = []
        func log(_ at: Double, _ level: String, _ text: String) {
            lines.append("\(SparkTimeFormat.log(at)) \(level) \(text)")
        }
        // Start-up happens between the launch and RUNNING (or the failure), whichever comes first.
        let launched = attempt.started
        let started = min(launched + 1, attempt.runningSince ?? attempt.finished ?? launched + 1)
        let attemptId = IDs.attempt(appId: app.id, number: attempt.number)
        log(launched, "INFO", "SignalUtils: Registering signal handler for TERM")
        log(launched, "INFO", "SignalUtils: Registering signal handler for HUP")
        log(launched, "INFO", "SignalUtils: Registering signal handler for INT")
        log(launched, "INFO", "SecurityManager: Changing view acls to: yarn,\(app.user)")
        log(launched, "INFO", "SecurityManager: Changing modify acls to: yarn,\(app.user)")
        log(started, "INFO", "ApplicationMaster: ApplicationAttemptId: \(attemptId)")
        log(started, "INFO", "ApplicationMaster: Starting the user application in a separate Thread")
        log(started, "INFO", "ApplicationMaster: Waiting for spark context initialization...")
        let ended = attempt.finished
        if app.failToStart, attempt.runningSince == nil, let ended {
            lines += classNotFound(app: app, at: ended)
            return text(lines)
        }
        guard let running = attempt.runningSince else { return text(lines) }
        var driverApp = app
        driverApp.attempts = app.attempts.filter { $0.number <= attempt.number }
        let driver = SparkDriverModel(app: driverApp, now: running, batchSeconds: batchSeconds)
        lines += startedDriver(driver, at: running)
        if app.checkpointIncompatible {
            if let ended { lines += stateSchemaNotCompatible(driver, at: ended) }
            return text(lines)
        }
        lines += behaviourLines(driver, at: running)
        guard let ended else { return text(lines) }
        if app.crashAfter != nil && attempt.state == "FAILED" {
            lines += outOfMemory(driver, at: ended)
        } else if attempt.state == "FINISHED" && app.finalStatus == "SUCCEEDED" {
            if let k = driver.stoppedAfter, let marker = app.streaming?.stopMarkerURI {
                log(
                    ended - 1, "INFO",
                    "MicroBatchExecution: Stop marker \(marker) found after batch \(driver.batchId(k)) committed; stopping query "
                        + "\(driver.queryName) [id = \(driver.queryId), runId = \(driver.runId)]")
            }
            log(ended, "INFO", "ApplicationMaster: Final app status: SUCCEEDED, exitCode: 0")
            log(ended, "INFO", "ApplicationMaster: Unregistering ApplicationMaster with SUCCEEDED")
            log(ended, "INFO", "ShutdownHookManager: Shutdown hook called")
        } else {
            log(ended, "ERROR", "ApplicationMaster: RECEIVED SIGNAL TERM")
            log(
                ended, "INFO",
                "ApplicationMaster: Final app status: UNDEFINED, exitCode: 16, (reason: Shutdown hook called before final status was reported.)"
            )
            log(ended, "INFO", "ShutdownHookManager: Shutdown hook called")
        }
        return text(lines)
    }

    /// The `Exception in thread …` line the attempt's stderr ends with, nil when it has none (a kill, a success).
    static func exceptionLine(app: YarnApp, attempt: SimAttempt, batchSeconds: Double) -> String? {
        stderr(app: app, attempt: attempt, batchSeconds: batchSeconds).split(separator: "\n")
            .first { $0.hasPrefix("Exception in thread ") }.map(String.init)
    }

    private static func text(_ lines: [String]) -> String { lines.joined(separator: "\n") + "\n" }

    /// The user class is missing from the jar: the AM fails before the SparkContext exists (exit code 13).
    private static func classNotFound(app: YarnApp, at t: Double) -> [String] {
        let name = app.mainClass ?? "Main"
        let stamp = SparkTimeFormat.log(t)
        return [
            "\(stamp) ERROR ApplicationMaster: User class threw exception: java.lang.ClassNotFoundException: \(name)",
            "\(stamp) INFO ApplicationMaster: Final app status: FAILED, exitCode: 13, (reason: User class threw exception: "
                + "java.lang.ClassNotFoundException: \(name))",
            "\(stamp) INFO ShutdownHookManager: Shutdown hook called",
            "Exception in thread \"main\" java.lang.ClassNotFoundException: \(name)",
            "\tat java.base/jdk.internal.loader.BuiltinClassLoader.loadClass(BuiltinClassLoader.java:641)",
            "\tat java.base/jdk.internal.loader.ClassLoaders$AppClassLoader.loadClass(ClassLoaders.java:188)",
            "\tat java.base/java.lang.ClassLoader.loadClass(ClassLoader.java:525)",
            "\tat java.base/java.lang.Class.forName0(Native Method)",
            "\tat java.base/java.lang.Class.forName(Class.java:467)",
            "\tat org.apache.spark.deploy.yarn.ApplicationMaster.startUserApplication(ApplicationMaster.scala:722)",
        ]
    }

    /// The SparkContext is up, executors are requested and the streaming query starts.
    private static func startedDriver(_ driver: SparkDriverModel, at t: Double) -> [String] {
        let app = driver.app
        let stamp = SparkTimeFormat.log(t)
        let containers = executorContainers(app.id, attempt: driver.attempt)
        return [
            "\(stamp) INFO SparkContext: Running Spark version 3.5.0-amzn-1",
            "\(stamp) INFO SparkContext: Submitted application: \(app.name)",
            "\(stamp) INFO Utils: Successfully started service 'SparkUI' on port 40401.",
            "\(stamp) INFO ApplicationMaster: Registering the ApplicationMaster",
            "\(stamp) INFO YarnAllocator: Will request 2 executor container(s) for ResourceProfile Id: 0, each with 4 core(s) "
                + "and 4505 MB memory.",
            "\(stamp) INFO YarnAllocator: Launching container \(containers.0) on host ip-10-0-1-41.ec2.internal for executor "
                + "with ID 1 for ResourceProfile Id 0",
            "\(stamp) INFO YarnAllocator: Launching container \(containers.1) on host ip-10-0-1-12.ec2.internal for executor "
                + "with ID 2 for ResourceProfile Id 0",
            "\(stamp) INFO MicroBatchExecution: Starting \(driver.queryName) [id = \(driver.queryId), runId = \(driver.runId)]. "
                + "Use \(app.streaming?.checkpointURI ?? "hdfs:///checkpoints/\(driver.queryName)") to store the query checkpoint.",
        ]
    }

    /// What the driver logs while it behaves as its ``SparkBehaviour`` (a fixed, short excerpt).
    private static func behaviourLines(_ driver: SparkDriverModel, at t: Double) -> [String] {
        let b = driver.batchSeconds
        let query = "\(driver.queryName) [id = \(driver.queryId), runId = \(driver.runId)]"
        switch driver.behaviour {
        case .healthy:
            return (0..<2).map { k in
                "\(SparkTimeFormat.log(t + Double(k + 1) * b)) INFO MicroBatchExecution: Streaming query made progress: "
                    + "{\"id\" : \"\(driver.queryId)\", \"runId\" : \"\(driver.runId)\", \"name\" : \"\(driver.queryName)\", "
                    + "\"batchId\" : \(driver.batchId(k)), \"numInputRows\" : 1200}"
            }
        case .stalled:
            return [
                "\(SparkTimeFormat.log(t)) INFO DAGScheduler: Submitting 4 missing tasks from ResultStage 1",
                "\(SparkTimeFormat.log(t + 1)) INFO TaskSetManager: Finished task 1.0 in stage 1.0 (TID 1) in 812 ms on "
                    + "ip-10-0-1-12.ec2.internal (executor 2) (3/4)",
                "\(SparkTimeFormat.log(t + 60)) WARN ProcessingTimeExecutor: Current batch is falling behind. The trigger "
                    + "interval is \(Int(b * 1000)) milliseconds, but spent 60000 milliseconds",
            ]
        case .failingBatches:
            let reason = SparkDriverModel.failureReason(stageId: 1)
            let stamp = SparkTimeFormat.log(t + b)
            return [
                "\(stamp) WARN TaskSetManager: Lost task 0.0 in stage 1.0 (TID 4) (ip-10-0-1-12.ec2.internal executor 2): "
                    + "java.lang.IllegalStateException: Cannot parse record at offset 4711 of topic events",
                "\(stamp) ERROR TaskSetManager: Task 0 in stage 1.0 failed 4 times; aborting job",
                "\(stamp) ERROR MicroBatchExecution: Batch 0 of query \(query) failed: \(reason)",
                "\(stamp) ERROR FileFormatWriter: Aborting job for batch 0 of query \(driver.queryName).",
                "org.apache.spark.SparkException: \(reason)",
                "\tat org.apache.spark.scheduler.DAGScheduler.failJobAndIndependentStages(DAGScheduler.scala:2898)",
            ]
        case .executorsLost:
            let containers = executorContainers(driver.app.id, attempt: driver.attempt)
            let stamp = SparkTimeFormat.log(t + 5)
            return [
                "\(stamp) WARN YarnAllocator: Container \(containers.0) on host: ip-10-0-1-41.ec2.internal exited with exit "
                    + "status 143 (Container killed on request. Exit code is 143). Lost executor 1",
                "\(stamp) ERROR YarnClusterScheduler: Lost executor 1 on ip-10-0-1-41.ec2.internal: Container marked as failed: "
                    + "\(containers.0) on host: ip-10-0-1-41.ec2.internal. Exit status: 143.",
                "\(stamp) WARN YarnAllocator: Container \(containers.1) on host: ip-10-0-1-12.ec2.internal exited with exit "
                    + "status 143 (Container killed on request. Exit code is 143). Lost executor 2",
                "\(stamp) ERROR YarnClusterScheduler: Lost executor 2 on ip-10-0-1-12.ec2.internal: Container marked as failed: "
                    + "\(containers.1) on host: ip-10-0-1-12.ec2.internal. Exit status: 143.",
                "\(SparkTimeFormat.log(t + 65)) WARN YarnClusterScheduler: Initial job has not accepted any resources; check "
                    + "your cluster UI to ensure that workers are registered and have sufficient resources",
            ]
        }
    }

    /// Spark's error when a stateful query's schema does not match the state in its checkpoint.
    static let stateSchemaError =
        "org.apache.spark.sql.execution.streaming.state.StateSchemaNotCompatible: Provided schema doesn't match to the "
        + "schema for existing state! Please note that Spark allow difference of field name: check count of fields and "
        + "data type of each field."

    /// The new build's stateful query cannot use the checkpoint's state: the query terminates and the user
    /// class throws (exit code 15); the stderr ends with the `StateSchemaNotCompatible` cause.
    private static func stateSchemaNotCompatible(_ driver: SparkDriverModel, at t: Double) -> [String] {
        let stamp = SparkTimeFormat.log(t)
        let query = "\(driver.queryName) [id = \(driver.queryId), runId = \(driver.runId)]"
        let message = "Provided schema doesn't match to the schema for existing state!"
        return [
            "\(stamp) ERROR MicroBatchExecution: Query \(query) terminated with error",
            stateSchemaError,
            "\tat org.apache.spark.sql.execution.streaming.state.StateSchemaCompatibilityChecker.check(StateSchemaCompatibilityChecker.scala:60)",
            "\(stamp) ERROR ApplicationMaster: User class threw exception: org.apache.spark.sql.streaming.StreamingQueryException: "
                + "\(message)",
            "\(stamp) INFO ApplicationMaster: Final app status: FAILED, exitCode: 15, (reason: User class threw exception: "
                + "org.apache.spark.sql.streaming.StreamingQueryException: \(message))",
            "\(stamp) INFO ShutdownHookManager: Shutdown hook called",
            "Exception in thread \"main\" org.apache.spark.sql.streaming.StreamingQueryException: Query \(query) terminated "
                + "with exception: \(message)",
            "\tat org.apache.spark.sql.execution.streaming.StreamExecution.org$apache$spark$sql$execution$streaming$StreamExecution$$runStream(StreamExecution.scala:333)",
            "\tat org.apache.spark.sql.execution.streaming.StreamExecution$$anon$1.run(StreamExecution.scala:211)",
            "Caused by: \(stateSchemaError)",
        ]
    }

    /// The driver ran out of heap: the AM is terminated and the attempt fails (Spark's OOM exit code, 52).
    private static func outOfMemory(_ driver: SparkDriverModel, at t: Double) -> [String] {
        let stamp = SparkTimeFormat.log(t)
        let thread = "stream execution thread for \(driver.queryName) [id = \(driver.queryId), runId = \(driver.runId)]"
        return [
            "\(stamp) ERROR Utils: Uncaught exception in thread \(thread)",
            "java.lang.OutOfMemoryError: Java heap space",
            "\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)",
            "\tat java.base/java.io.ByteArrayOutputStream.ensureCapacity(ByteArrayOutputStream.java:100)",
            "\tat org.apache.spark.util.ByteBufferOutputStream.write(ByteBufferOutputStream.scala:41)",
            "\(stamp) ERROR ApplicationMaster: RECEIVED SIGNAL TERM",
            "\(stamp) INFO ApplicationMaster: Final app status: FAILED, exitCode: 52, (reason: java.lang.OutOfMemoryError: "
                + "Java heap space)",
            "\(stamp) INFO ShutdownHookManager: Shutdown hook called",
            "Exception in thread \"\(thread)\" java.lang.OutOfMemoryError: Java heap space",
        ]
    }

    /// The containers of executors 1 and 2 of an attempt.
    private static func executorContainers(_ appId: String, attempt: Int) -> (String, String) {
        let am = IDs.amContainer(appId: appId, attempt: attempt)
        let base = String(am.dropLast(6))
        return (base + "000002", base + "000003")
    }
}
