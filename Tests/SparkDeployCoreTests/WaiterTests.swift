import Foundation
import SparkDeployCore
import Synchronization
import Testing

/// The one waiter engine: schedule, deadline, matchers, retries, cancellation and the last state in the error.
@Suite("Waiter engine")
struct WaiterTests {
    /// What the engine reported when it stopped without success.
    struct Stopped: Error, Equatable {
        var end: String
        var progress: WaitProgress
    }

    /// Builds the test's error from the engine's ending.
    static func stopped(_ end: WaitEnd<Stopped>, _ progress: WaitProgress) -> Stopped {
        switch end {
        case .failed(var failure):
            failure.progress = progress
            return failure
        case .deadlineExceeded: return Stopped(end: "deadline", progress: progress)
        case .cancelled(let reason): return Stopped(end: "cancelled: \(reason?.description ?? "task")", progress: progress)
        }
    }

    static let none = WaitProgress(start: 0, deadline: 0, polls: 0, retries: 0, lastState: nil, elapsed: 0)

    @Test("the schedule starts fast, backs off to its maximum and makes its last poll right at the deadline")
    func schedule() {
        var schedule = WaitSchedule(start: 0, timeout: 10, poll: AdaptivePoll())
        var now = 0.0
        var delays: [Double] = []
        while let delay = schedule.recordPoll(state: "ACCEPTED", now: now) {
            delays.append(delay)
            now += delay
        }
        #expect(Array(delays.prefix(3)) == [0.25, 0.375, 0.5625])
        #expect(delays.allSatisfy { $0 <= AdaptivePoll().maximum })
        #expect(abs(now - 10) < 1e-9, "the last delay lands exactly on the deadline")
        #expect(schedule.polls == delays.count + 1)
        // 15 polls in 10 s (≤ 1.6 requests/s): the measured detection behaviour of Benchmarks/ (0.25 → 0.8 s).
        #expect(schedule.polls <= 16)
        #expect(schedule.progress(now: now).lastState == "ACCEPTED" && schedule.progress(now: now).timeoutText == "10")
        #expect(WaitSchedule.delay(afterPolls: 1, now: 0, deadline: 10, poll: AdaptivePoll()) == 0.25)
        #expect(WaitSchedule.delay(afterPolls: 9, now: 9.9, deadline: 10, poll: AdaptivePoll()).map { abs($0 - 0.1) < 1e-9 } == true)
        #expect(WaitSchedule.delay(afterPolls: 3, now: 10, deadline: 10, poll: AdaptivePoll()) == nil)
        // What a recipe's wait_until may hand over: any integer, any number.
        #expect(WaitSchedule.delay(afterPolls: .min, now: 0, deadline: 10, poll: AdaptivePoll()) == 0.25)
        #expect(WaitSchedule.delay(afterPolls: .max, now: 0, deadline: 10, poll: AdaptivePoll()) == 0.8)
        #expect(WaitSchedule.delay(afterPolls: 1, now: 0, deadline: .nan, poll: AdaptivePoll()) == nil)
        #expect(WaitSchedule.delay(afterPolls: 1, now: 0, deadline: 10, poll: AdaptivePoll(initial: .nan, maximum: .nan)) == 0.001)
    }

    @Test("the engine sleeps the schedule on the clock and returns the matched value")
    func succeeds() async throws {
        let clock = SteppingClock()
        let waiter = Waiter(clock: clock, poll: AdaptivePoll(initial: 1, factor: 2, maximum: 3), timeout: 60)
        let states = StateMatcher(success: ["RUNNING"], failure: ["FAILED"])
        let seen = ["PENDING", "PENDING", "PENDING", "PENDING", "RUNNING"]
        let value = try await waiter.run(
            { (progress: WaitProgress) async throws(Stopped) -> WaitStep<Int, Stopped> in
                let state = seen[progress.polls]
                return states.match(state) == .success ? .done(progress.polls + 1) : .pending(state: state)
            }, end: Self.stopped)
        #expect(value == 5)
        #expect(clock.sleeps == [1, 2, 3, 3])
    }

    @Test("a failure state ends the wait at once, counted, with the state it saw")
    func fails() async {
        let clock = SteppingClock()
        let waiter = Waiter(clock: clock, poll: AdaptivePoll(initial: 1, factor: 2, maximum: 3), timeout: 60)
        let states = StateMatcher(awaiting: ["COMPLETED"], terminal: ["COMPLETED", "FAILED", "CANCELLED"])
        let seen = ["RUNNING", "FAILED"]
        let error = await #expect(throws: Stopped.self) { () async throws -> Int in
            try await waiter.run(
                { (progress: WaitProgress) async throws(Stopped) -> WaitStep<Int, Stopped> in
                    let state = seen[progress.polls]
                    switch states.match(state) {
                    case .success: return .done(0)
                    case .failure: return .failed(Stopped(end: "failed", progress: Self.none), state: state)
                    case .pending: return .pending(state: state)
                    }
                }, end: Self.stopped)
        }
        #expect(error?.end == "failed")
        #expect(error?.progress.polls == 2 && error?.progress.lastState == "FAILED")
        #expect(clock.sleeps == [1])
    }

    @Test("at the deadline the error carries the last state seen, the polls and the time waited")
    func deadline() async {
        let clock = SteppingClock()
        let waiter = Waiter(clock: clock, poll: AdaptivePoll(initial: 2, factor: 2, maximum: 10), timeout: 10)
        let error = await #expect(throws: Stopped.self) { () async throws -> Int in
            try await waiter.run(
                { (progress: WaitProgress) async throws(Stopped) -> WaitStep<Int, Stopped> in
                    .pending(state: "PENDING #\(progress.polls + 1)")
                }, end: Self.stopped)
        }
        #expect(error?.end == "deadline")
        #expect(clock.sleeps == [2, 4, 4], "the last sleep is cut to the deadline")
        #expect(error?.progress.lastState == "PENDING #4" && error?.progress.polls == 4)
        #expect(error?.progress.elapsed == 10 && error?.progress.timeout == 10)
    }

    @Test("transient errors are retried on the schedule without counting as polls or hiding the last state")
    func retries() async throws {
        let clock = SteppingClock()
        let waiter = Waiter(clock: clock, poll: AdaptivePoll(initial: 1, factor: 2, maximum: 8), timeout: 60)
        let answers: [String?] = ["STARTING", nil, nil, "WAITING"]
        let progress = try await waiter.run(
            { (progress: WaitProgress) async throws(Stopped) -> WaitStep<WaitProgress, Stopped> in
                guard let state = answers[progress.polls + progress.retries] else { return .retry }
                return state == "WAITING" ? .done(progress) : .pending(state: state)
            }, end: Self.stopped)
        #expect(progress.polls == 1 && progress.retries == 2 && progress.lastState == "STARTING")
        #expect(clock.sleeps == [1, 2, 4], "retries back off like polls")
    }

    @Test("a cancelled token stops the wait before the next poll, with its reason and the progress")
    func tokenCancellation() async {
        let clock = SteppingClock()
        let token = CancellationToken()
        let waiter = Waiter(clock: clock, poll: AdaptivePoll(initial: 1, factor: 1, maximum: 1), timeout: 60, token: token)
        let error = await #expect(throws: Stopped.self) { () async throws -> Int in
            try await waiter.run(
                { (progress: WaitProgress) async throws(Stopped) -> WaitStep<Int, Stopped> in
                    if progress.polls == 2 { token.cancel(.signal(name: "SIGINT")) }
                    return .pending(state: "RUNNING")
                }, end: Self.stopped)
        }
        #expect(error?.end == "cancelled: interrupted by SIGINT")
        #expect(error?.progress.polls == 3 && error?.progress.lastState == "RUNNING")
    }

    @Test("cancelling the task wakes the sleep and ends the wait as cancelled")
    func taskCancellation() async throws {
        let waiter = Waiter(clock: SystemClock(), poll: AdaptivePoll(initial: 30, factor: 1, maximum: 30), timeout: 600)
        let started = Date()
        let task = Task { () async throws(Stopped) -> Int in
            try await waiter.run(
                { (_: WaitProgress) async throws(Stopped) -> WaitStep<Int, Stopped> in
                    .pending(state: "ACCEPTED")
                }, end: Self.stopped)
        }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        let result = await task.result
        guard case .failure(let failure) = result, let error = failure as? Stopped else {
            Issue.record("expected cancellation"); return
        }
        #expect(error.end == "cancelled: task" && error.progress.polls == 1 && error.progress.lastState == "ACCEPTED")
        #expect(Date().timeIntervalSince(started) < 5)
    }
}

/// A clock whose sleeps return at once, moving time forward by what was asked (and recording it).
final class SteppingClock: DeployClock {
    private let state = Mutex<(now: Double, sleeps: [Double])>((0, []))
    var rate: Double { 1 }
    var sleeps: [Double] { state.withLock { $0.sleeps.map { ($0 * 1e6).rounded() / 1e6 } } }
    func now() -> Double { state.withLock { $0.now } }
    func sleep(seconds: Double) async throws {
        try Task.checkCancellation()
        state.withLock {
            $0.now += seconds
            $0.sleeps.append(seconds)
        }
    }
    func blockingSleep(seconds: Double, token: CancellationToken?) -> Bool {
        state.withLock { $0.now += seconds }
        return true
    }
}
