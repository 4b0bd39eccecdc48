import Testing

@testable import ClusterSimulator

/// The coupled state machine, driven without a network by advancing virtual time by hand.
@Suite struct LifecycleTests {
    let t0 = 1_700_000_000.0

    func model(_ scenario: Scenario = .standard) -> ClusterModel {
        ClusterModel(scenario: scenario, now: t0)
    }

    func sparkArgs(_ name: String) -> [String] {
        [
            "spark-submit", "--deploy-mode", "cluster", "--name", name, "--conf", "spark.yarn.tags=Deploy,X",
            "--class", "com.acme.Main", "s3://b/app.jar", "arg1",
        ]
    }

    @Test func sparkStepWalksItsAppToRunningAndStaysThere() {
        var m = model()
        let c = m.addCluster(
            name: "c", releaseLabel: "emr-6.15.0", stepConcurrencyLevel: 1, tags: [],
            keepAlive: true, ready: true, now: t0, yarnURL: "http://x")
        let s = m.addStep(
            clusterId: c, name: "job", actionOnFailure: "CONTINUE", jar: "command-runner.jar",
            mainClass: nil, args: sparkArgs("Agg"), properties: [], executionRoleArn: nil, at: t0)
        #expect(m.steps[s]?.state == "PENDING")
        m.advance(to: t0 + 2)
        #expect(m.steps[s]?.state == "RUNNING")
        #expect(m.clusters[c]?.state == "RUNNING")
        let appId = m.steps[s]?.appId ?? ""
        #expect(m.apps[appId]?.name == "Agg")
        #expect(m.apps[appId]?.tags == ["deploy", "x"])
        #expect(m.apps[appId]?.applicationType == "SPARK")
        m.advance(to: t0 + 2.5)
        #expect(m.apps[appId]?.internalState == "SUBMITTED")
        m.advance(to: t0 + 3)
        #expect(m.apps[appId]?.internalState == "ACCEPTED")
        m.advance(to: t0 + 11)
        #expect(m.apps[appId]?.internalState == "RUNNING")
        m.advance(to: t0 + 100_000)
        #expect(m.apps[appId]?.internalState == "RUNNING")
        #expect(m.steps[s]?.state == "RUNNING")
    }

    @Test func killingTheAppFailsItsStepAndFreesTheSlot() {
        var m = model()
        let c = m.addCluster(
            name: "c", releaseLabel: "emr-6.15.0", stepConcurrencyLevel: 1, tags: [],
            keepAlive: true, ready: true, now: t0, yarnURL: "http://x")
        let s1 = m.addStep(
            clusterId: c, name: "old", actionOnFailure: "CONTINUE", jar: "command-runner.jar",
            mainClass: nil, args: sparkArgs("Agg"), properties: [], executionRoleArn: nil, at: t0)
        m.advance(to: t0 + 20)
        let s2 = m.addStep(
            clusterId: c, name: "new", actionOnFailure: "CONTINUE", jar: "command-runner.jar",
            mainClass: nil, args: sparkArgs("Agg"), properties: [], executionRoleArn: nil, at: t0 + 20)
        m.advance(to: t0 + 60)
        #expect(m.steps[s2]?.state == "PENDING", "StepConcurrencyLevel 1 keeps the new step behind the streaming one")
        let app = m.steps[s1]?.appId ?? ""
        #expect(m.requestKill(app, user: "dr.who", message: "redeploy", at: t0 + 60) == .inProgress("KILLING"))
        #expect(m.apps[app]?.publicState == "RUNNING", "list view shows RUNNING until KILLED")
        m.advance(to: t0 + 63)
        #expect(m.apps[app]?.internalState == "KILLED")
        #expect(m.apps[app]?.finalStatus == "KILLED")
        #expect(m.apps[app]?.diagnostics == "Application \(app) was killed by user dr.who with diagnostic message: redeploy")
        #expect(m.steps[s1]?.state == "FAILED")
        m.advance(to: t0 + 66)
        #expect(m.steps[s2]?.state == "RUNNING")
    }

    @Test func cancellingARunningStepNeedsRelease528() {
        var m = model()
        let old = m.addCluster(
            name: "old", releaseLabel: "emr-5.27.0", stepConcurrencyLevel: 1, tags: [],
            keepAlive: true, ready: true, now: t0, yarnURL: "http://x")
        let s = m.addStep(
            clusterId: old, name: "j", actionOnFailure: "CONTINUE", jar: "command-runner.jar",
            mainClass: nil, args: sparkArgs("A"), properties: [], executionRoleArn: nil, at: t0)
        m.advance(to: t0 + 20)
        guard case .failed = m.cancelStep(s, option: "SEND_INTERRUPT", at: t0 + 20) else {
            Issue.record("expected FAILED for a RUNNING step on emr-5.27.0")
            return
        }
        let new = m.addCluster(
            name: "new", releaseLabel: "emr-5.28.0", stepConcurrencyLevel: 1, tags: [],
            keepAlive: true, ready: true, now: t0 + 20, yarnURL: "http://x")
        let s2 = m.addStep(
            clusterId: new, name: "j", actionOnFailure: "CONTINUE", jar: "command-runner.jar",
            mainClass: nil, args: sparkArgs("B"), properties: [], executionRoleArn: nil, at: t0 + 20)
        m.advance(to: t0 + 40)
        #expect(m.cancelStep(s2, option: "TERMINATE_PROCESS", at: t0 + 40) == .submitted)
        #expect(m.steps[s2]?.state == "CANCEL_PENDING")
        m.advance(to: t0 + 50)
        #expect(m.steps[s2]?.state == "CANCELLED")
        #expect(m.apps[m.steps[s2]?.appId ?? ""]?.internalState == "KILLED")
    }

    @Test func crashLoopRetriesThroughAcceptedThenFails() throws {
        var m = model(try Scenario.named("crash-loop"))
        let c = m.addCluster(
            name: "c", releaseLabel: "emr-6.15.0", stepConcurrencyLevel: 1, tags: [],
            keepAlive: true, ready: true, now: t0, yarnURL: "http://x")
        let s = m.addStep(
            clusterId: c, name: "j", actionOnFailure: "CONTINUE", jar: "command-runner.jar",
            mainClass: nil, args: sparkArgs("A"), properties: [], executionRoleArn: nil, at: t0)
        m.advance(to: t0 + 9)
        let app = m.steps[s]?.appId ?? ""
        #expect(m.apps[app]?.internalState == "RUNNING")
        m.advance(to: t0 + 40)
        #expect(m.apps[app]?.internalState == "ACCEPTED")
        m.advance(to: t0 + 46)
        #expect(m.apps[app]?.internalState == "RUNNING")
        m.advance(to: t0 + 80)
        #expect(m.apps[app]?.internalState == "FAILED")
        #expect(m.apps[app]?.attempts.count == 2)
        #expect(m.steps[s]?.state == "FAILED")
    }

    @Test func batchAppsCompleteTheirStepsAndOldOnesAreEvicted() throws {
        var m = model(try Scenario.named("batch-jobs"))
        let c = m.addCluster(
            name: "c", releaseLabel: "emr-6.15.0", stepConcurrencyLevel: 3, tags: [],
            keepAlive: true, ready: true, now: t0, yarnURL: "http://x")
        let steps = (0..<3).map { n in
            m.addStep(
                clusterId: c, name: "j\(n)", actionOnFailure: "CONTINUE", jar: "command-runner.jar",
                mainClass: nil, args: sparkArgs("A\(n)"), properties: [], executionRoleArn: nil, at: t0 + Double(n))
        }
        m.advance(to: t0 + 200)
        #expect(steps.allSatisfy { m.steps[$0]?.state == "COMPLETED" })
        #expect(m.apps.count == 2, "maxCompletedApplications 2 forgets the oldest")
        #expect(m.clusters[c]?.state == "WAITING")
    }

    @Test func failedStepWithTerminateClusterTerminatesIt() {
        var m = model()
        let c = m.addCluster(
            name: "c", releaseLabel: "emr-6.15.0", stepConcurrencyLevel: 1, tags: [],
            keepAlive: true, ready: true, now: t0, yarnURL: "http://x")
        let s = m.addStep(
            clusterId: c, name: "j", actionOnFailure: "TERMINATE_CLUSTER", jar: "command-runner.jar",
            mainClass: nil, args: sparkArgs("A"), properties: [], executionRoleArn: nil, at: t0)
        let pending = m.addStep(
            clusterId: c, name: "k", actionOnFailure: "CONTINUE", jar: "s3://b/x.jar",
            mainClass: "M", args: [], properties: [], executionRoleArn: nil, at: t0)
        m.advance(to: t0 + 20)
        m.requestKill(m.steps[s]?.appId ?? "", user: "hadoop", message: nil, at: t0 + 20)
        m.advance(to: t0 + 25)
        #expect(m.steps[s]?.state == "FAILED")
        #expect(m.steps[pending]?.state == "CANCELLED")
        #expect(m.clusters[c]?.state == "TERMINATING")
        m.advance(to: t0 + 60)
        #expect(m.clusters[c]?.state == "TERMINATED")
    }

    @Test func runJobFlowClusterBootsThroughItsStates() {
        var m = model()
        let c = m.addCluster(
            name: "c", releaseLabel: "emr-6.15.0", stepConcurrencyLevel: 1, tags: [],
            keepAlive: true, ready: false, now: t0, yarnURL: "http://x")
        #expect(m.clusters[c]?.state == "STARTING")
        m.advance(to: t0 + 61)
        #expect(m.clusters[c]?.state == "BOOTSTRAPPING")
        m.advance(to: t0 + 91)
        #expect(m.clusters[c]?.state == "WAITING")
        #expect(m.clusters[c]?.tags.contains(ClusterTag(key: "sparkdeploy:yarn-url", value: "http://x")) == true)
    }

    @Test func sparkSubmitParsingFindsNameClassTagsAndQueue() {
        let s = SparkSubmit.parse(
            jar: "command-runner.jar",
            args: [
                "spark-submit", "--deploy-mode", "cluster", "--conf", "spark.yarn.tags=A, b", "--queue", "etl",
                "--class", "com.acme.Main", "--name", "Agg", "s3://b/app.jar", "--name", "not-this",
            ])
        #expect(
            s
                == SparkSubmit(
                    name: "Agg", mainClass: "com.acme.Main", jar: "s3://b/app.jar", tags: ["a", "b"],
                    queue: "etl"))
        #expect(SparkSubmit.parse(jar: "s3://b/x.jar", args: ["spark-submit"]) == nil)
    }

    @Test func transitionsDueTogetherFireClusterThenStepThenApp() {
        #expect(ClusterModel.TransitionKind.allCases.sorted() == [.cluster, .step, .app])
        #expect(ClusterModel.TransitionKind.cluster < .step && ClusterModel.TransitionKind.step < .app)
    }

    @Test func sparkSubmitParsingReadsTheLineAsTheEMRClientDoes() {
        // Every option spark-submit does not know as a switch takes a value (here one the simulator
        // never listed), the `--option=value` form counts, and a path to spark-submit is accepted.
        let s = SparkSubmit.parse(
            jar: "command-runner.jar",
            args: [
                "/usr/lib/spark/bin/spark-submit", "--driver-library-path", "/opt/native", "--supervise",
                "--name=Agg", "--conf=spark.yarn.tags=X", "s3://b/app.jar", "--queue", "not-this",
            ])
        #expect(s == SparkSubmit(name: "Agg", mainClass: nil, jar: "s3://b/app.jar", tags: ["x"], queue: "default"))
    }

    @Test func everyShippedScenarioDecodes() throws {
        let names = Scenario.shippedNames
        #expect(names.count >= 14)
        for name in names { _ = try Scenario.named(name) }
        #expect(throws: ScenarioError.self) { try Scenario.named("no-such-scenario") }
    }
}
