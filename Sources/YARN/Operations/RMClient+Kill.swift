import Logging
import SparkDeployCore

extension RMClient {
    /// Kills application `appId` and waits for a terminal state.
    ///
    /// Reads `/state` first: an app already FINISHED, FAILED or KILLED is a successful no-op. Then
    /// `PUT /state {"state":"KILLED"[, "diagnostics": …]}` (diagnostics only to Hadoop ≥ 3.0, which
    /// accepts it); a 202 means "in progress": `/state` is polled (internal KILLING, FINAL_SAVING…)
    /// on the ``AdaptivePoll`` schedule until a terminal state, or `timeout`.
    /// - Parameters:
    ///   - appId: the application id.
    ///   - diagnostics: a message recorded with the kill (Hadoop ≥ 3.0).
    ///   - timeout: seconds to reach a terminal state.
    /// - Throws: ``YARNError`` — `forbidden` (ACLs; plain-text body kept), `unauthorized`,
    ///   `notFound`, `timeout` with the last internal state seen.
    public func kill(appId: String, diagnostics: String? = nil, timeout: Double = 120) async throws(YARNError) -> KillResult {
        try ApplicationID.check(appId, operation: "kill")
        let machine = KillMachine(applicationId: appId)
        let before = try await appState(id: appId)
        if before.isTerminal {
            logger.debug("yarn kill no-op", metadata: ["yarn.app_id": "\(appId)", "yarn.state": "\(before)"])
            return KillResult(applicationId: appId, state: before, alreadyStopped: true, polls: 0, app: nil)
        }
        var body: [String: JSONText] = ["state": "KILLED"]
        if let diagnostics, let version = await serverVersion(), version.major >= 3 {
            body["diagnostics"] = .string(diagnostics)
        }
        let (response, context) = try await execute(
            RMRequest(
                operation: "kill", method: "PUT", path: "/ws/v1/cluster/apps/\(appId)/state",
                body: JSONBody.encode(.object(body)), retriable: true, accepted: [200, 202],
                applicationId: appId))
        let answered = try ResponseDecoding.state(response, context)
        logger.debug(
            "yarn kill sent",
            metadata: [
                "yarn.app_id": "\(appId)", "yarn.status": "\(response.status)", "yarn.state": "\(answered)",
            ])
        var polls = 0
        let final: YARNAppState
        if case .done(let state) = machine.observe(status: response.status, state: answered) {
            final = state
        } else {
            final = try await drive(
                operation: "kill", awaiting: "\(appId) to stop", applicationId: appId,
                timeout: timeout
            ) { () async throws(YARNError) -> WaitStep<YARNAppState, YARNError> in
                polls += 1
                return machine.observe(status: 200, state: try await self.appState(id: appId))
            }
        }
        let app = try? await self.app(id: appId)
        logger.debug(
            "yarn kill done",
            metadata: [
                "yarn.app_id": "\(appId)", "yarn.state": "\(final)", "yarn.polls": "\(polls)",
            ])
        return KillResult(applicationId: appId, state: final, alreadyStopped: false, polls: polls, app: app)
    }
}
