import EMR
import SparkDeployCore
import Testing

/// EMR's waiter definitions as matchers over the shared ``WaitSchedule`` (pure values, no network).
struct WaiterDefinitionTests {
    let poll = AdaptivePoll(initial: 2, factor: 2, maximum: 10)

    @Test func clusterRunningSucceedsOnWaiting() {
        let states = WaiterDefinition.clusterRunning.states
        var schedule = WaitSchedule(start: 0, timeout: 100, poll: poll)
        #expect(states.match("STARTING") == .pending)
        #expect(schedule.recordPoll(state: "STARTING", now: 0) == 2)
        #expect(states.match("BOOTSTRAPPING") == .pending)
        #expect(schedule.recordPoll(state: "BOOTSTRAPPING", now: 2) == 4)
        #expect(states.match("WAITING") == .success)
        #expect(states.match("RUNNING") == .success)
    }

    @Test func clusterRunningFailsOnTermination() {
        let states = WaiterDefinition.clusterRunning.states
        for state in ["TERMINATING", "TERMINATED", "TERMINATED_WITH_ERRORS"] { #expect(states.match(state) == .failure) }
        #expect(WaiterDefinition.clusterTerminated.states.match("TERMINATED_WITH_ERRORS") == .failure)
        #expect(WaiterDefinition.clusterTerminated.states.match("TERMINATING") == .pending)
    }

    @Test func stepCompleteTreatsInterruptedAsFailure() {
        let states = WaiterDefinition.stepComplete.states
        #expect(states.match("RUNNING") == .pending)
        for state in ["INTERRUPTED", "FAILED", "CANCELLED"] { #expect(states.match(state) == .failure) }
        #expect(WaiterDefinition.stepRunning.states.match("CANCEL_PENDING") == .failure)
        #expect(WaiterDefinition.stepRunning.states.match("COMPLETED") == .success)
    }

    @Test func terminalStatesComeFromTheStateTypes() {
        // What emr.wait_step / emr.wait_cluster build from the recipe's targets.
        let step = WaiterDefinition.step(reaching: [.completed, .failed])
        #expect(step.states.success == ["COMPLETED", "FAILED"])
        #expect(step.states.failure == Set(StepState.terminal.map(\.rawValue)).subtracting(["COMPLETED", "FAILED"]))
        let cluster = WaiterDefinition.cluster(reaching: [.terminated])
        #expect(cluster.states.failure == ["TERMINATED_WITH_ERRORS"])
        #expect(cluster.states.match("TERMINATING") == .pending, "TERMINATING is on the way to TERMINATED")
        #expect(ClusterState.terminatedWithErrors.isTerminal && !ClusterState.terminating.isTerminal)
    }

    @Test func deadlineReportsLastStateSeen() {
        var schedule = WaitSchedule(start: 0, timeout: 10, poll: poll)
        #expect(schedule.recordPoll(state: "PENDING", now: 0) == 2)
        #expect(schedule.recordPoll(state: "PENDING", now: 7) == 3)  // capped by the time left
        #expect(schedule.recordPoll(state: "PENDING", now: 10) == nil)
        #expect(schedule.polls == 3)
        let error = WaiterError(
            waiter: "stepRunning", resource: "j-1/s-2", reason: .deadlineExceeded,
            progress: schedule.progress(now: 10), detail: nil)
        #expect(error.lastState == "PENDING" && error.polls == 3)
        #expect(error.description == "waiter stepRunning on j-1/s-2: deadline exceeded, last state PENDING after 3 polls (10 s)")
    }

    @Test func throttledPollsDoNotCountAsAttempts() {
        var schedule = WaitSchedule(start: 0, timeout: 100, poll: poll)
        #expect(schedule.recordRetry(now: 0) == 2)
        #expect(schedule.recordRetry(now: 2) == 4)
        #expect(schedule.polls == 0)
        #expect(schedule.retries == 2)
        #expect(schedule.lastState == nil)
        #expect(WaiterDefinition.clusterTerminated.states.match("TERMINATED") == .success)
    }
}
