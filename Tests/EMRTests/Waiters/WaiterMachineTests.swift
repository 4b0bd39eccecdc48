import EMR
import SparkDeployCore
import Testing

struct WaiterMachineTests {
    let poll = AdaptivePoll(initial: 2, factor: 2, maximum: 10)

    @Test func clusterRunningSucceedsOnWaiting() {
        var machine = WaiterMachine(definition: .clusterRunning, poll: poll, deadline: 100)
        #expect(machine.observe(state: "STARTING", now: 0) == .wait(2))
        #expect(machine.observe(state: "BOOTSTRAPPING", now: 2) == .wait(4))
        #expect(machine.observe(state: "WAITING", now: 6) == .success("WAITING"))
        #expect(machine.lastState == "WAITING")
    }

    @Test func clusterRunningFailsOnTermination() {
        var machine = WaiterMachine(definition: .clusterRunning, poll: poll, deadline: 100)
        #expect(machine.observe(state: "TERMINATED_WITH_ERRORS", now: 0) == .failure("TERMINATED_WITH_ERRORS"))
    }

    @Test func stepCompleteTreatsInterruptedAsFailure() {
        var machine = WaiterMachine(definition: .stepComplete, poll: poll, deadline: 100)
        #expect(machine.observe(state: "RUNNING", now: 0) == .wait(2))
        #expect(machine.observe(state: "INTERRUPTED", now: 2) == .failure("INTERRUPTED"))
    }

    @Test func deadlineReportsLastStateSeen() {
        var machine = WaiterMachine(definition: .stepRunning, poll: poll, deadline: 10)
        #expect(machine.observe(state: "PENDING", now: 0) == .wait(2))
        #expect(machine.observe(state: "PENDING", now: 7) == .wait(3))  // capped by the time left
        #expect(machine.observe(state: "PENDING", now: 10) == .timedOut("PENDING"))
        #expect(machine.polls == 3)
    }

    @Test func throttledPollsDoNotCountAsAttempts() {
        var machine = WaiterMachine(definition: .clusterTerminated, poll: poll, deadline: 100)
        #expect(machine.observeThrottled(now: 0) == .wait(2))
        #expect(machine.observeThrottled(now: 2) == .wait(4))
        #expect(machine.polls == 0)
        #expect(machine.throttledPolls == 2)
        #expect(machine.lastState == nil)
        #expect(machine.observe(state: "TERMINATED", now: 6) == .success("TERMINATED"))
    }
}
