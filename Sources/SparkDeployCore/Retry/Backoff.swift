/// Exponential backoff with full jitter: the delay before retry `n` (1-based) is
/// `random(0, min(base × 2^(n-1), cap))` seconds, as AWS's standard retry mode computes it.
public struct Backoff: Sendable, Equatable {
    /// Delay scale for the first retry, in seconds.
    public var base: Double
    /// Largest delay, in seconds.
    public var cap: Double
    /// Whether to draw a random point in `[0, ceiling]` (full jitter) or use the ceiling itself.
    public var jitter: Bool

    /// Creates a backoff; AWS's standard mode is `base: 1, cap: 20`.
    public init(base: Double = 1, cap: Double = 20, jitter: Bool = true) {
        self.base = max(0, base)
        self.cap = max(0, cap)
        self.jitter = jitter
    }

    /// The ceiling of the delay before retry `attempt` (1-based: the attempt that failed).
    public func ceiling(afterAttempt attempt: Int) -> Double {
        let exponent = Double(max(0, min(attempt - 1, 60)))
        var value = base
        for _ in 0..<Int(exponent) {
            value *= 2
            if value >= cap { break }
        }
        return min(value, cap)
    }

    /// The delay before retry `attempt`, drawn with `random` (injectable for tests).
    public func delay(
        afterAttempt attempt: Int,
        random: (ClosedRange<Double>) -> Double = { Double.random(in: $0) }
    ) -> Double {
        let ceiling = ceiling(afterAttempt: attempt)
        guard jitter, ceiling > 0 else { return ceiling }
        return random(0...ceiling)
    }
}
