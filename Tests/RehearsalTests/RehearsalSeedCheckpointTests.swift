import ClusterSimulator
import Foundation
import LuaHost
import Rehearsal
import SparkDeployCore
import Testing

/// A sandbox run whose params name a `checkpoint` (and a `marker`) seeds the previous build as a streaming
/// job with those confs, on a checkpoint that already holds batches 0…4 committed.
@Suite struct RehearsalSeedCheckpointTests {
    @Test func theSeededBuildCarriesTheConfsAndContinuesACheckpointWithFiveCommittedBatches() async throws {
        let checkpoint = "s3://sparkdeploy-sandbox/checkpoints/aggregator"
        let marker = "s3://sparkdeploy-sandbox/markers/aggregator.stop"
        let seed = RehearsalSeed.from(params: ["cluster": "prod", "app": "Aggregator", "checkpoint": checkpoint, "marker": marker])
        let started = await LuaThread.run(name: "test.rehearsal.checkpoint") { () -> Result<RehearsalCluster, RehearsalTestError> in
            do {
                return .success(try RehearsalCluster.start(scenario: .standard, clock: ScaledClock(rate: 0), seed: seed))
            } catch {
                return .failure(RehearsalTestError(description: "\(error)"))
            }
        }
        let rehearsal = try started.get()
        let sim = rehearsal.simulator
        do {
            let snapshot = await sim.snapshot()
            let args = try #require(snapshot.steps.first { $0.name == "Aggregator" }?.args)
            #expect(args.contains("spark.sql.streaming.checkpointLocation=\(checkpoint)"))
            #expect(args.contains("spark.sparkdeploy.stopMarker=\(marker)"))
            #expect(try await sim.fileNames(in: checkpoint + "/commits") == ["0", "1", "2", "3", "4"])
            #expect(try await sim.fileNames(in: checkpoint + "/offsets") == ["0", "1", "2", "3", "4", "5"], "batch 5 running")
            #expect(try await sim.readFile(checkpoint + "/metadata") != nil)
            #expect(try await sim.readFile(marker) == nil, "no marker until a drain writes one")
            sim.clock.advance(by: 2.5)
            #expect(try await sim.fileNames(in: checkpoint + "/commits").contains("5"))
        } catch {
            await sim.stop()
            throw error
        }
        await sim.stop()
    }

    @Test func paramsWithoutACheckpointSeedAPlainStreamingBuild() {
        let seed = RehearsalSeed.from(params: ["app": "Aggregator", "checkpoint": ""])
        #expect(seed.checkpoint == nil && seed.marker == nil && seed.streamingConf.isEmpty)
    }
}
