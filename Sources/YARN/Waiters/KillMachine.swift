import SparkDeployCore

/// The kill loop's decisions: a PUT answered 202 means "in progress" — poll `/state` until a
/// terminal state. Internal states (`KILLING`, `FINAL_SAVING`) are progress, not failures; any
/// terminal state ends it (an AM unregistering while KILLING ends FINISHED).
public struct KillMachine: Sendable {
    /// The application being killed.
    public let applicationId: String

    /// Creates the machine.
    public init(applicationId: String) { self.applicationId = applicationId }

    /// Decides on one `/state` answer (HTTP status and the raw state it carried).
    public func observe(status: Int, state: YARNAppState) -> WaitStep<YARNAppState, YARNError> {
        if state.isTerminal { return .done(state) }
        return .pending(state: state.rawValue + (status == 202 ? " (202 in progress)" : ""))
    }
}
