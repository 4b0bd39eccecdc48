import AWSCore
import EMR
import Foundation
import HTTPTransport
import TestSupport
import Testing

/// AddJobFlowSteps, the call a deploy cannot afford to send twice, against a hostile server: whatever
/// its answer (cut short, wrong-typed, not JSON, 500/503, a dropped connection), the step is added once.
/// When the call took effect (ListSteps shows the step) every case must end with the right step id; when
/// it did not, in a typed error naming the operation. A 2xx answer means EMR accepted the call, so it is
/// never sent again, even when nothing can be found. Replay a failure with `HOSTILE_SEED=<seed>`.
@Suite(.serialized)
struct HostileEMRSubmitTests {
    static let casesPerRun = 200
    static let stepId = "s-HOSTILE0001"
    static let step = StepConfig(
        name: "Aggregator", actionOnFailure: .continue,
        hadoopJarStep: HadoopJarStepConfig(jar: "command-runner.jar", args: ["spark-submit", "x.jar"]))

    @Test(arguments: [true, false])
    func addJobFlowStepsIsSentOnceWhateverTheAnswer(tookEffect: Bool) async throws {
        let attempts = 3
        let harness = try await HostileEMRHarness.start(maxAttempts: attempts)
        let valid = Array("{\"StepIds\":[\"\(Self.stepId)\"]}".utf8)
        let listed =
            tookEffect
            ? "{\"Steps\":[{\"Id\":\"\(Self.stepId)\",\"Name\":\"\(Self.step.name)\",\"Status\":{\"State\":\"PENDING\"}}]}"
            : "{\"Steps\":[]}"
        let seed = HostileRandom.seed(
            default: tookEffect ? 0xADD_0001 : 0xADD_0000,
            environment: ProcessInfo.processInfo.environment)
        var random = HostileRandom(seed: seed)
        let cases =
            HostileCases.mutations(of: valid, count: Self.casesPerRun, random: &random)
            + HostileCases.framing(of: valid)
        var recovered = 0
        for hostile in cases {
            harness.server.respond { request in
                request.header("X-Amz-Target") == "ElasticMapReduce.AddJobFlowSteps"
                    ? hostile.response
                    : .http(status: 200, contentType: "application/x-amz-json-1.1", body: Array(listed.utf8))
            }
            let sentBefore = Self.addCalls(harness)
            let label = "seed \(seed) case \(hostile.label), took effect: \(tookEffect)"
            let outcome = await harness.outcome(deadline: 15) { client, logger in
                try await client.addJobFlowSteps(clusterId: "j-HOSTILE", steps: [Self.step], logger: logger)
            }
            let sent = Self.addCalls(harness) - sentBefore
            let accepted = Self.answersWithA2xxHead(hostile)
            switch outcome {
            case .hung:
                Issue.record("hung: \(label)")
            case .value(let value):
                let ids = value as? [String]
                if ids == [Self.stepId] {
                    if hostile.expectation == .error || !accepted { recovered += 1 }
                } else {
                    // Only a 2xx body that still parses can say something else, and then it said so.
                    #expect(accepted && hostile.expectation == .errorOrOriginal, "returned \(String(describing: ids)): \(label)")
                }
            case .failed(let error):
                #expect(!tookEffect, "the step exists, yet the call failed with \(error): \(label)")
                Self.checkError(error, harness: harness, label: label)
            }
            if tookEffect || accepted {
                #expect(sent == 1, "AddJobFlowSteps sent \(sent) times: \(label)")
            } else {
                #expect(sent >= 1 && sent <= attempts, "AddJobFlowSteps sent \(sent) times: \(label)")
            }
        }
        if tookEffect {
            #expect(recovered > cases.count / 4, "only \(recovered) cases were recovered from ListSteps (seed \(seed))")
        }
        await harness.stop()
    }

    /// Whether the case sends a complete, well-formed 2xx response head: the client then knows EMR accepted
    /// the call, whatever happens to the body. (A status line alone or a negative Content-Length is no answer.)
    static func answersWithA2xxHead(_ hostile: HostileCase) -> Bool {
        let bytes = hostile.response.bytes
        guard bytes.starts(with: Array("HTTP/1.1 2".utf8)), let end = bytes.firstRange(of: Array("\r\n\r\n".utf8)) else {
            return false
        }
        return !String(decoding: bytes[..<end.lowerBound], as: UTF8.self).contains("Content-Length: -")
    }

    static func addCalls(_ harness: HostileEMRHarness) -> Int {
        harness.server.requests.filter { $0.header("X-Amz-Target") == "ElasticMapReduce.AddJobFlowSteps" }.count
    }

    /// A typed error naming AddJobFlowSteps (or, for the transport, the endpoint), without secrets.
    static func checkError(_ error: any Error, harness: HostileEMRHarness, label: String) {
        let text = String(describing: error)
        switch (error as? EMRError)?.kind {
        case .outcomeUnknown?:
            #expect(
                (error as? EMRError)?.operation == "AddJobFlowSteps" && text.contains("not sending it again"),
                "\(text) — \(label)")
        case .service?:
            #expect((error as? EMRError)?.operation == "AddJobFlowSteps", "\(text) — \(label)")
        case .unreadableResponse?:
            #expect(
                (error as? EMRError)?.operation == "AddJobFlowSteps" && (error as? EMRError)?.message.isEmpty == false,
                "\(text) — \(label)")
        case .transport?:
            #expect(text.contains(harness.server.baseURL) && text.contains("AddJobFlowSteps"), "\(text) — \(label)")
        case nil:
            Issue.record("untyped error \(type(of: error)): \(text) — \(label)")
        }
        for secret in [HostileEMRHarness.secretKey, HostileEMRHarness.sessionToken] {
            #expect(!text.contains(secret), "secret in error: \(text) — \(label)")
        }
    }
}
