import SparkDeployCore
import Testing

@testable import YARN

@Suite struct WaiterMachineTests {
    @Test func timeoutErrorNamesTheLastStateAndThePollCount() {
        var schedule = WaitSchedule(start: 0, timeout: 10, poll: AdaptivePoll())
        var now = 0.0
        while let delay = schedule.recordPoll(state: "application_1_0001 ACCEPTED", now: now) { now += delay }
        // 0.25, 0.375, 0.5625, then 0.8 s steps: 15 polls in 10 s (≤ 1.6 requests/s).
        #expect(schedule.polls <= 16)
        let error = YARNError(
            timedOut: schedule.progress(now: now), operation: "waitForApp", awaiting: "RUNNING",
            applicationId: nil)
        #expect(error.code == .timeout && error.lastState == "application_1_0001 ACCEPTED" && error.polls == schedule.polls)
        #expect(error.description.contains("gave up after 10 s waiting for RUNNING"))
        #expect(error.description.contains("last state seen: application_1_0001 ACCEPTED"))
        let unseen = YARNError(
            timedOut: WaitSchedule(start: 0, timeout: 2.5).progress(now: 2.5), operation: "waitForApp",
            awaiting: "name 'A' to be RUNNING", applicationId: nil)
        #expect(unseen.lastState == "none" && unseen.description.contains("gave up after 2.5 s"))
        #expect(unseen.description.contains("last state seen: none (no matching application)"))
    }

    @Test func appWaitIgnoresOlderAppsAndFailsOnOtherTerminalStates() {
        let machine = AppWaitMachine(states: [.running], submittedAfter: 100, subject: "name 'A'")
        let old = YARNApp(id: "application_1_0001", state: .running, name: "A", startedTimeMillis: 50_000)
        let new = YARNApp(id: "application_1_0002", state: .accepted, name: "A", startedTimeMillis: 150_000)
        guard case .pending(let state) = machine.observe([old, new]) else { Issue.record("expected pending"); return }
        #expect(state == "application_1_0002 ACCEPTED")
        var running = new
        running.state = .running
        guard case .done(let app) = machine.observe([old, running]) else { Issue.record("expected done"); return }
        #expect(app.id == "application_1_0002")
        var failed = new
        failed.state = .failed
        failed.diagnostics = "User class threw exception"
        guard case .failed(let error, _) = machine.observe([failed]) else { Issue.record("expected failure"); return }
        #expect(error.code == .unexpectedState && error.message.contains("User class threw exception"))
        guard case .failed(let ambiguous, _) = machine.observe([new, running.with(id: "application_1_0003")]) else {
            Issue.record("expected ambiguity"); return
        }
        #expect(ambiguous.code == .ambiguous)
        guard case .pending = machine.observe([]) else { Issue.record("expected pending"); return }
    }

    @Test func holdFailsTheMomentTheAppLeavesItsState() {
        let machine = HoldMachine(applicationId: "application_1_0001", state: .running, start: 0, seconds: 60)
        let running = YARNApp(id: "application_1_0001", state: .running)
        guard case .pending = machine.observe(running, now: 30) else { Issue.record("expected pending"); return }
        guard case .done = machine.observe(running, now: 60) else { Issue.record("expected done"); return }
        var crashed = running
        crashed.state = .accepted
        crashed.diagnostics = "AM container exited with code 1"
        guard case .failed(let error, _) = machine.observe(crashed, now: 12) else { Issue.record("expected failure"); return }
        #expect(error.code == .leftState && error.lastState == "ACCEPTED")
        #expect(error.message.contains("AM container exited with code 1"))
    }

    @Test func killTreatsInternalStatesAsProgressAndAnyTerminalStateAsDone() {
        let machine = KillMachine(applicationId: "application_1_0001")
        for state in [YARNAppState.killing, .finalSaving, .running] {
            guard case .pending = machine.observe(status: 202, state: state) else { Issue.record("\(state)"); return }
        }
        for state in [YARNAppState.killed, .finished, .failed] {
            guard case .done(let final) = machine.observe(status: 200, state: state), final == state else {
                Issue.record("\(state)"); return
            }
        }
    }
}

extension YARNApp {
    func with(id: String) -> YARNApp {
        var copy = self
        copy.id = id
        return copy
    }
}
