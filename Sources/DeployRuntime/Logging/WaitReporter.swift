import Foundation
import SparkDeployCore
import Synchronization

/// Keeps a long wait (`rm:hold`, `rm:wait_app`, `rm:await_progress`, `emr.wait_step`) from being
/// silent: once a second the live status line on a terminal ("holding RUNNING 30/60 s"), and every
/// ``heartbeat`` seconds of wall time an INFO line with the same text in plain and JSON logs.
/// The waiter's polls reach it through ``WaitObserver``; ``stop()`` ends it when the call returns.
public final class WaitReporter: Sendable {
    /// What the wait has seen so far, as ``render`` gets it.
    public struct Snapshot: Sendable {
        /// Seconds waited, on the run's clock (simulated time in the sandbox).
        public var elapsed: Double
        /// The last state a poll saw (nil before the first).
        public var lastState: String?
        /// Polls so far.
        public var polls: Int
        /// What ``WaitReporter/explain(_:)`` found, once it has (why a step is PENDING, say).
        public var explanation: String?
    }

    /// Wall seconds between two heartbeat log lines.
    public static let heartbeat: Double = 15

    private struct State {
        var progress: WaitProgress?
        var explanation: String?
        var explaining = false
        var lastBeat: Date
    }

    private let log: RunLog
    private let clock: any DeployClock
    private let start: Double
    private let stage: String?
    private let render: @Sendable (Snapshot) -> String
    private let explainer: (@Sendable (Snapshot) async -> String?)?
    private let state: Mutex<State>
    private let stopped = DispatchSemaphore(value: 0)

    /// Starts reporting a wait of `context`'s run; `render` turns what it has seen into the status
    /// text; `explain`, when given, is asked once (off the Lua thread) while the state is `PENDING`.
    public static func start(
        _ context: RunContext?, render: @escaping @Sendable (Snapshot) -> String,
        explain: (@Sendable (Snapshot) async -> String?)? = nil
    ) -> WaitReporter? {
        guard let context else { return nil }
        return WaitReporter(log: context.log, clock: context.clock, stage: context.currentStage, render: render, explain: explain)
    }

    private init(
        log: RunLog, clock: any DeployClock, stage: String?, render: @escaping @Sendable (Snapshot) -> String,
        explain: (@Sendable (Snapshot) async -> String?)?
    ) {
        self.log = log
        self.clock = clock
        self.start = clock.now()
        self.stage = stage
        self.render = render
        self.explainer = explain
        self.state = Mutex(State(lastBeat: Date()))
        let thread = Thread { [weak self] in
            while let reporter = self, reporter.stopped.wait(timeout: .now() + 1) == .timedOut { reporter.tick() }
        }
        thread.name = "sparkdeploy.wait-reporter"
        thread.start()
    }

    /// The callback for ``WaitObserver``: a poll's progress.
    public var observe: @Sendable (WaitProgress) -> Void {
        { [weak self] progress in self?.state.withLock { $0.progress = progress } }
    }

    /// Ends the reporting and clears the status line.
    public func stop() {
        stopped.signal()
        log.clearStatus()
    }

    private func snapshot() -> Snapshot {
        state.withLock { s in
            Snapshot(
                elapsed: max(0, clock.now() - start), lastState: s.progress?.lastState, polls: s.progress?.polls ?? 0,
                explanation: s.explanation)
        }
    }

    private func tick() {
        let now = snapshot()
        if now.lastState == "PENDING", now.explanation == nil { explain(now) }
        let text = render(now)
        log.status(text)
        let beat = state.withLock { s -> Bool in
            guard Date().timeIntervalSince(s.lastBeat) >= Self.heartbeat else { return false }
            s.lastBeat = Date()
            return true
        }
        guard beat else { return }
        log.clearStatus()
        var fields = ["waited": DecimalText.fixed(now.elapsed, digits: 0) + "s", "polls": String(now.polls)]
        if let stage { fields["stage"] = stage }
        log.log(.info, text, fields: fields)
    }

    private func explain(_ now: Snapshot) {
        guard let explainer else { return }
        let first = state.withLock { s -> Bool in
            defer { s.explaining = true }
            return !s.explaining
        }
        guard first else { return }
        Task { [weak self] in
            let found = await explainer(now)
            self?.state.withLock { $0.explanation = found }
        }
    }
}
