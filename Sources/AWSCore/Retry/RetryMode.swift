import SparkDeployCore

/// Which retry behaviour a client follows.
public enum RetryMode: String, Sendable, Equatable {
    /// The AWS standard mode: 3 attempts, full-jitter backoff, a retry quota (token bucket).
    case standard
    /// botocore's legacy mode: 5 attempts, no quota, also retries HTTP 509.
    case legacy
}

/// How many attempts, which backoff, and whether the retry quota applies.
public struct RetryConfiguration: Sendable, Equatable {
    /// The mode.
    public var mode: RetryMode
    /// Attempts in total, the first included (≥ 1).
    public var maxAttempts: Int
    /// Full-jitter exponential backoff (base 1 s, cap 20 s).
    public var backoff: Backoff

    /// Creates a configuration; `maxAttempts` defaults to the mode's (3 standard, 5 legacy).
    public init(mode: RetryMode = .standard, maxAttempts: Int? = nil, backoff: Backoff = Backoff(base: 1, cap: 20)) {
        self.mode = mode
        self.maxAttempts = max(1, maxAttempts ?? (mode == .legacy ? 5 : 3))
        self.backoff = backoff
    }

    /// From `AWS_RETRY_MODE` / `AWS_MAX_ATTEMPTS`, else the profile's `retry_mode` / `max_attempts`, else
    /// standard with 3 attempts. `adaptive` is treated as `standard` (no client-side rate limiter).
    /// - Parameter preferredMaxAttempts: the client's own choice of attempts when `AWS_MAX_ATTEMPTS` is unset
    ///   (it wins over the profile's `max_attempts`, as that variable would).
    public static func resolve(context: CredentialContext, preferredMaxAttempts: Int? = nil) -> RetryConfiguration {
        let profile = (try? context.configFile())?.profile(context.profileName) ?? [:]
        let modeText = (context.environment["AWS_RETRY_MODE"] ?? profile["retry_mode"])?.lowercased()
        let mode: RetryMode = modeText == "legacy" ? .legacy : .standard
        let attemptsText = context.environment["AWS_MAX_ATTEMPTS"] ?? preferredMaxAttempts.map { String($0) } ?? profile["max_attempts"]
        let attempts = attemptsText.flatMap { Int($0) }
        return RetryConfiguration(mode: mode, maxAttempts: attempts.flatMap { $0 >= 1 ? $0 : nil })
    }
}
