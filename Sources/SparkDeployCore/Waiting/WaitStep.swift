/// What a waiter's matcher decides about one poll.
public enum WaitStep<Success: Sendable, Failure: Error>: Sendable {
    /// The wait is over.
    case done(Success)
    /// Not there yet: poll again (if the deadline allows); `state` is what was seen.
    case pending(state: String)
    /// The poll failed transiently (throttled): poll again after the next interval without
    /// counting it as a poll or forgetting the last state seen.
    case retry
    /// The wait cannot succeed; `state` is what was seen (if anything).
    case failed(Failure, state: String?)
}

/// Why a wait stopped without success, handed to the waiter's error builder.
public enum WaitEnd<Failure: Error>: Sendable {
    /// A matcher decided the wait cannot succeed.
    case failed(Failure)
    /// The deadline passed.
    case deadlineExceeded
    /// The task or the token was cancelled (the token's reason, when it has one).
    case cancelled(CancellationReason?)
}
