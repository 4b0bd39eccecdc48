import Foundation
import SparkDeployCore
import Testing

@Suite("Backoff, polling schedule, clocks and cancellation")
struct TimingTests {
    @Test("full-jitter ceilings double up to the cap, as AWS standard mode computes them")
    func backoff() {
        let b = Backoff(base: 1, cap: 20)
        #expect((1...7).map { b.ceiling(afterAttempt: $0) } == [1, 2, 4, 8, 16, 20, 20])
        #expect(b.delay(afterAttempt: 3) { $0.upperBound / 2 } == 2)
        #expect(Backoff(base: 1, cap: 20, jitter: false).delay(afterAttempt: 2) == 2)
    }

    @Test("the poll schedule grows to its maximum and never passes the deadline")
    func poll() {
        let p = AdaptivePoll(initial: 0.25, factor: 2, maximum: 2)
        #expect((0...4).map { p.interval(beforePoll: $0) } == [0.25, 0.5, 1, 2, 2])
        #expect(p.interval(beforePoll: 10, remaining: 0.3) == 0.3)
    }

    @Test("a scaled clock runs faster than wall time and can be advanced")
    func scaled() {
        let clock = ScaledClock(rate: 100, start: 1_000)
        let before = clock.now()
        #expect(clock.blockingSleep(seconds: 5, token: nil))
        let slept = clock.now() - before
        #expect(slept >= 5 && slept < 30)
        clock.advance(by: 3_600)
        #expect(clock.now() - before >= 3_605)
    }

    @Test("cancellation wakes a blocking sleep at once")
    func cancel() {
        let token = CancellationToken()
        let started = Date()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.1) { token.cancel(.signal(name: "SIGINT")) }
        #expect(!SystemClock().blockingSleep(seconds: 30, token: token))
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(token.reason == .signal(name: "SIGINT"))
    }

    @Test("BlockingBridge returns async results and stops waiting when cancelled")
    func bridge() {
        guard case .success(let v) = BlockingBridge.run(token: nil, { () async throws -> Int in 41 + 1 }) else {
            Issue.record("no result")
            return
        }
        #expect(v == 42)
        let token = CancellationToken()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.1) { token.cancel(.deadline(seconds: 1)) }
        let outcome = BlockingBridge.run(token: token) { () async throws -> Int in
            try await Task.sleep(nanoseconds: 30_000_000_000)
            return 1
        }
        if case .cancelled(let reason) = outcome { #expect(reason == .deadline(seconds: 1)) } else { Issue.record("not cancelled") }
    }
}
