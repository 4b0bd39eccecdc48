import Logging
import SparkDeployCore

extension RMClient {
    /// Polls `observe` on the connection's ``AdaptivePoll`` schedule (the shared ``Waiter``) until it
    /// is done or fails, or the deadline passes.
    func drive<Success: Sendable>(
        operation: String, awaiting: String, applicationId: String?, timeout: Double,
        observe: () async throws(YARNError) -> WaitStep<Success, YARNError>
    )
        async throws(YARNError) -> Success
    {
        let waiter = Waiter(clock: clock, poll: connection.poll, timeout: timeout)
        let logger = self.logger
        return try await waiter.run(
            { (progress: WaitProgress) async throws(YARNError) -> WaitStep<Success, YARNError> in
                let step = try await observe()
                if case .done = step {
                    logger.debug(
                        "yarn wait done",
                        metadata: [
                            "yarn.operation": "\(operation)", "yarn.polls": "\(progress.polls + 1)",
                            "yarn.app_id": "\(applicationId ?? "-")",
                        ])
                }
                return step
            },
            end: { ending, progress in
                switch ending {
                case .failed(var error):
                    error.polls = progress.polls
                    return error
                case .deadlineExceeded:
                    logger.debug(
                        "yarn wait timed out",
                        metadata: [
                            "yarn.operation": "\(operation)", "yarn.polls": "\(progress.polls)",
                            "yarn.last_state": "\(progress.lastState ?? "none")",
                        ])
                    return YARNError(timedOut: progress, operation: operation, awaiting: awaiting, applicationId: applicationId)
                case .cancelled:
                    return YARNError(
                        .cancelled, operation: operation, message: WaitProgress.cancelledMessage(awaiting: awaiting),
                        applicationId: applicationId, lastState: progress.lastState, polls: progress.polls)
                }
            })
    }

    /// Waits until application `id` is in one of `states`.
    /// - Parameters:
    ///   - id: the application id.
    ///   - states: target states (e.g. `[.running]`).
    ///   - timeout: seconds of the client's clock.
    /// - Returns: the application as last seen.
    /// - Throws: ``YARNError`` — `timeout` (with the last state and poll count), `unexpectedState`
    ///   when it stops in another terminal state (with diagnostics).
    public func waitForApp(id: String, states: Set<YARNAppState>, timeout: Double) async throws(YARNError) -> YARNApp {
        let machine = AppWaitMachine(states: states, submittedAfter: nil, subject: id)
        return try await drive(
            operation: "wait_app", awaiting: "\(id) to be \(Self.list(states))",
            applicationId: id, timeout: timeout
        ) { () async throws(YARNError) -> WaitStep<YARNApp, YARNError> in
            machine.observe([try await self.app(id: id)])
        }
    }

    /// Waits until the single application matching `filter` (and started at or after
    /// `submittedAfter`, epoch seconds) is in one of `states`. `filter.states` is ignored: the
    /// waiter must see the app in every state to notice a failure.
    /// - Throws: ``YARNError`` — `timeout`, `ambiguous` when several recent apps match, `unexpectedState`.
    public func waitForApp(
        matching filter: AppFilter, states: Set<YARNAppState>, timeout: Double,
        submittedAfter: Double? = nil
    ) async throws(YARNError) -> YARNApp {
        var query = filter
        query.states = []
        query.limit = nil
        if let submittedAfter, query.startedTimeBegin == nil {
            query.startedTimeBegin = Int64((submittedAfter * 1000).rounded(.down))
        }
        let machine = AppWaitMachine(states: states, submittedAfter: submittedAfter, subject: Self.subject(of: filter))
        let poll = query
        return try await drive(
            operation: "wait_app", awaiting: "\(machine.subject) to be \(Self.list(states))",
            applicationId: nil, timeout: timeout
        ) { () async throws(YARNError) -> WaitStep<YARNApp, YARNError> in
            machine.observe(try await self.apps(poll))
        }
    }

    /// Requires application `app` to stay in `state` for `seconds`; fails the moment it leaves it.
    /// - Returns: the application as last seen.
    /// - Throws: ``YARNError`` (`leftState`) with the new state and the diagnostics.
    public func hold(_ appId: String, state: YARNAppState, seconds: Double) async throws(YARNError) -> YARNApp {
        let machine = HoldMachine(applicationId: appId, state: state, start: clock.now(), seconds: seconds)
        // The hold itself is the deadline; allow a little slack for the last poll's round trip.
        return try await drive(
            operation: "hold", awaiting: "\(appId) to hold \(state) for \(seconds) s",
            applicationId: appId, timeout: seconds + 30
        ) { () async throws(YARNError) -> WaitStep<YARNApp, YARNError> in
            let app = try await self.app(id: appId)
            return machine.observe(app, now: self.clock.now())
        }
    }

    static func list(_ states: Set<YARNAppState>) -> String { states.map(\.rawValue).sorted().joined(separator: "|") }

    static func subject(of filter: AppFilter) -> String {
        var parts: [String] = []
        if let name = filter.name { parts.append("name '\(OutsideText.quoted(name))'") }
        if !filter.applicationTags.isEmpty { parts.append("tags \(filter.applicationTags.joined(separator: ","))") }
        if let user = filter.user { parts.append("user \(user)") }
        if let queue = filter.queue { parts.append("queue \(queue)") }
        return parts.isEmpty ? "any application" : parts.joined(separator: ", ")
    }
}
