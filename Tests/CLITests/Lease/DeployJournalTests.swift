import ClusterSimulator
import Foundation
import Testing

/// The deploy journal next to the lease (issue 15, items 3 and 4) and the lease at an exit at once: what
/// a deploy records, what a rerun does when the journal and the cluster disagree, and that a second
/// signal still releases the lease and leaves the journal `stopped`.
@Suite("Deploy journal and re-attach")
struct DeployJournalTests {
    static let lock = "deploy:%@:\(ReliabilityRun.app)"

    func store(_ cluster: LeasedCluster) throws -> LeaseStoreFixture {
        try LeaseStoreFixture.existing(endpoint: cluster.sim.s3Endpoint, bucket: LeasedCluster.bucket, prefix: "ci")
    }

    func clusterId(_ cluster: LeasedCluster) async -> String {
        await cluster.sim.snapshot().clusters.first { $0.name == "streaming-prod" }?.id ?? "?"
    }

    @Test(
        "a deploy's journal records what ran before, each mutation with its ids, the stages and the outcome; its app carries the deploy tag"
    )
    func journalContents() async throws {
        let cluster = try await LeasedCluster.start()
        defer { cluster.stop() }
        let oldApp = cluster.seeded.apps.first { $0.name == ReliabilityRun.app && $0.state == "RUNNING" }?.id
        let r = try await CLI.runDetached(LeasedCluster.deployArguments, environment: cluster.runner())
        #expect(r.status == 0, "\(r.output.suffix(2000))")
        let store = try store(cluster)
        let lease = try #require(try await store.lease(String(format: Self.lock, await clusterId(cluster))))
        #expect(lease["state"] as? String == "released" && lease["journal_state"] as? String == "finished")
        let journal = try #require(try await store.journal(of: lease))
        let deployID = try #require(journal["deploy_id"] as? String)
        #expect(journal["state"] as? String == "finished" && journal["outcome"] as? String == "succeeded", "\(journal)")
        #expect(journal["tag"] as? String == "sparkdeploy-\(deployID)")
        let notes = journal["notes"] as? [String: Any]
        let previous = notes?["previous"] as? [String: Any]
        #expect(previous?["app"] as? String == oldApp, "\(journal)")
        #expect((previous?["build"] as? [String: Any])?["jar"] as? String == ReliabilityRun.oldJar, "\(journal)")
        let mutations = journal["mutations"] as? [[String: Any]] ?? []
        let kill = mutations.first { $0["action"] as? String == "yarn.kill" }
        #expect(
            kill?["target"] as? String == oldApp && kill?["phase"] as? String == "done" && kill?["result"] as? String == "KILLED",
            "\(mutations)")
        let submit = mutations.first { $0["action"] as? String == "emr.add_step" }
        let stepID = submit?["result"] as? String
        #expect(submit?["phase"] as? String == "done" && stepID?.hasPrefix("s-") == true, "\(mutations)")
        #expect((journal["stages"] as? [String]) == ["inspect", "stop old", "submit", "verify"], "\(journal)")
        // The new app carries the deploy tag (spark.yarn.tags), lowercased as YARN keeps tags.
        let after = await cluster.sim.snapshot()
        let newApp = after.apps.first { $0.stepId == stepID }
        #expect(newApp?.tags.contains("sparkdeploy-\(deployID)") == true, "\(String(describing: newApp))")
    }

    @Test("journal and cluster disagree: the rerun refuses and touches nothing; --resume continues it")
    func disagreementRefusesThenResume() async throws {
        let cluster = try await LeasedCluster.start(ttl: 2)
        defer { cluster.stop() }
        let first = cluster.runner()
        let killed: WatchedRun = try await withCheckedThrowingContinuation { continuation in
            Thread {
                do {
                    continuation.resume(
                        returning: try WatchedRun.run(
                            LeasedCluster.deployArguments, environment: first,
                            when: "stage started stage=submit"
                        ) { process in
                            kill(process.processIdentifier, SIGKILL)
                        })
                } catch { continuation.resume(throwing: error) }
            }.start()
        }
        #expect(killed.fired)
        // Someone starts a hotfix copy by hand while the dead run's lease waits to expire.
        let id = await clusterId(cluster)
        _ = try await cluster.sim.startStreamingJob(
            clusterId: id, name: ReliabilityRun.app, jar: "s3://builds/hotfix.jar",
            mainClass: "com.acme.Aggregator")
        let refused = try await CLI.runDetached(LeasedCluster.deployArguments + ["--lock-wait", "30"], environment: cluster.runner())
        #expect(refused.status == 1, "\(refused.output.suffix(2000))")
        #expect(
            refused.output.contains("disagrees with the cluster") && refused.output.contains("--resume")
                && refused.output.contains("--abandon"), "\(refused.output.suffix(2000))")
        #expect(await cluster.running() == ["s3://builds/hotfix.jar"])
        #expect(await cluster.newSteps() == 0)

        // The refusal handed the unfinished deploy on: --resume continues it.
        let resumed = try await CLI.runDetached(
            LeasedCluster.deployArguments + ["--resume", "--lock-wait", "30"],
            environment: cluster.runner())
        #expect(resumed.status == 0, "\(resumed.output.suffix(2500))")
        #expect(resumed.output.contains("continuing an unfinished deploy"), "\(resumed.output.suffix(2000))")
        #expect(await cluster.running() == ["new"])
        #expect(await cluster.newSteps() == 1)
    }

    @Test(
        "a second signal inside the swap exits at once, releases the lease and leaves the journal stopped; the next run takes over at once")
    func exitAtOnceReleasesTheLease() async throws {
        let cluster = try await LeasedCluster.start(scenario: "kill-lingers")
        defer { cluster.stop() }
        let run: WatchedRun = try await withCheckedThrowingContinuation { continuation in
            Thread {
                do {
                    continuation.resume(
                        returning: try WatchedRun.run(
                            LeasedCluster.deployArguments, environment: cluster.runner(),
                            when: "mutation yarn.kill"
                        ) { process in
                            kill(process.processIdentifier, SIGTERM)
                            Thread.sleep(forTimeInterval: 1.3)
                            kill(process.processIdentifier, SIGTERM)
                        })
                } catch { continuation.resume(throwing: error) }
            }.start()
        }
        #expect(run.result.status == 130, "\(run.result.output.suffix(2000))")
        #expect(run.result.output.contains("exited at once"), "\(run.result.output.suffix(2000))")
        let store = try store(cluster)
        let lease = try #require(try await store.lease(String(format: Self.lock, await clusterId(cluster))))
        #expect(lease["state"] as? String == "released" && lease["journal_state"] as? String == "stopped", "\(lease)")
        let journal = try await store.journal(of: lease)
        #expect(journal?["state"] as? String == "stopped", "\(String(describing: journal))")
        // No waiting for an expiry: the next run takes the lease at once and continues the deploy.
        let next = try await CLI.runDetached(LeasedCluster.deployArguments, environment: cluster.runner())
        #expect(next.status == 0, "\(next.output.suffix(2500))")
        #expect(next.output.contains("continuing an unfinished deploy"), "\(next.output.suffix(2000))")
        #expect(await cluster.running() == ["new"])
    }
}
