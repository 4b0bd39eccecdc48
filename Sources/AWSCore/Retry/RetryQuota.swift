import Synchronization

/// The standard mode's retry token bucket, shared by every client of one process (or one run):
/// capacity 500; a retry costs 5 (10 after a time-out); a success refunds what its retries took, or
/// 1 when it needed none. When the bucket is empty, failures are no longer retried.
public final class RetryQuota: Sendable {
    /// Initial and maximum capacity.
    public let capacity: Int
    /// Cost of a retry.
    public static let retryCost = 5
    /// Cost of a retry after a time-out.
    public static let timeoutRetryCost = 10
    /// Refund of a success without retry.
    public static let noRetryIncrement = 1

    private let available: Mutex<Int>

    /// Creates a full bucket.
    public init(capacity: Int = 500) {
        self.capacity = capacity
        self.available = Mutex(capacity)
    }

    /// Tokens left.
    public var remaining: Int { available.withLock { $0 } }

    /// Takes `cost` tokens; `false` (nothing taken) when not enough are left.
    public func acquire(_ cost: Int) -> Bool {
        available.withLock { value in
            guard value >= cost else { return false }
            value -= cost
            return true
        }
    }

    /// Gives `amount` tokens back, never above capacity.
    public func release(_ amount: Int) {
        available.withLock { $0 = min(capacity, $0 + amount) }
    }
}
