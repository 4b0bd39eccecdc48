extension WaitProgress {
    /// The message of a wait that ran out of time: `gave up after 30 s waiting for <awaiting>; last state
    /// seen: <state>`, with `noneSeen` when no poll saw a state.
    public func timeoutMessage(awaiting: String, noneSeen: String = "none") -> String {
        "gave up after \(timeoutText) s waiting for \(awaiting); last state seen: \(lastState ?? noneSeen)"
    }

    /// The message of a wait that was cancelled: `cancelled while waiting for <awaiting>`.
    public static func cancelledMessage(awaiting: String) -> String { "cancelled while waiting for \(awaiting)" }
}
