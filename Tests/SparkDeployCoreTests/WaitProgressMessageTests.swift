import SparkDeployCore
import Testing

/// The words every client's wait ends with.
@Suite struct WaitProgressMessageTests {
    @Test func aTimeoutNamesTheTimeAllowedWhatWasAwaitedAndTheLastStateSeen() {
        let seen = WaitProgress(start: 100, deadline: 130, polls: 4, retries: 0, lastState: "starting", elapsed: 30)
        #expect(seen.timeoutMessage(awaiting: "running") == "gave up after 30 s waiting for running; last state seen: starting")
        let unseen = WaitProgress(start: 0, deadline: 2.5, polls: 0, retries: 1, lastState: nil, elapsed: 2.5)
        #expect(unseen.timeoutMessage(awaiting: "RUNNING") == "gave up after 2.5 s waiting for RUNNING; last state seen: none")
        #expect(unseen.timeoutMessage(awaiting: "RUNNING", noneSeen: "none (no app)").hasSuffix("last state seen: none (no app)"))
    }

    @Test func aCancellationNamesWhatWasAwaited() {
        #expect(WaitProgress.cancelledMessage(awaiting: "an application id") == "cancelled while waiting for an application id")
    }
}
