import SparkDeployCore

/// The retry decision for one call, as a value: attempts so far, quota taken, and the next delay.
public struct RetryState: Sendable {
    /// The configuration.
    public let configuration: RetryConfiguration
    /// The shared quota (standard mode only).
    public let quota: RetryQuota?
    /// Attempts made so far.
    public private(set) var attempts = 0
    /// Quota tokens taken by this call's retries.
    public private(set) var tokensTaken = 0

    /// Starts a call.
    public init(configuration: RetryConfiguration, quota: RetryQuota?) {
        self.configuration = configuration
        self.quota = configuration.mode == .standard ? quota : nil
    }

    /// Records that an attempt is starting.
    public mutating func beginAttempt() { attempts += 1 }

    /// After a failed attempt of `kind`: the delay before the next attempt, or `nil` to give up
    /// (not retryable, attempts exhausted, or quota empty).
    public mutating func nextDelay(
        after kind: RetryableKind?, hint: Double? = nil,
        random: (ClosedRange<Double>) -> Double = { Double.random(in: $0) }
    ) -> Double? {
        guard let kind, attempts < configuration.maxAttempts else { return nil }
        if let quota {
            let cost = kind == .timeout ? RetryQuota.timeoutRetryCost : RetryQuota.retryCost
            guard quota.acquire(cost) else { return nil }
            tokensTaken += cost
        }
        let backoff = configuration.backoff.delay(afterAttempt: attempts, random: random)
        return RetryAfter.delay(backoffDelay: backoff, hint: hint, cap: configuration.backoff.cap)
    }

    /// Records success: refunds this call's retry tokens, or 1 token when it needed no retry.
    public func succeeded() {
        guard let quota else { return }
        quota.release(tokensTaken > 0 ? tokensTaken : RetryQuota.noRetryIncrement)
    }
}
