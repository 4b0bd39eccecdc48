import Foundation
import Synchronization

/// A virtual clock that runs `rate` times faster than wall time, and can be pushed forward.
///
/// The simulator and a `--sandbox` run share one instance: the simulator's lifecycles are
/// written in virtual seconds ("an app takes 8 s to reach RUNNING"), the recipe waits in
/// virtual seconds ("hold RUNNING for 60 s"), and both finish `rate` times sooner in wall time.
/// Tests can also ``advance(by:)`` it to jump over a delay at once.
public final class ScaledClock: DeployClock {
    private let origin: Double
    private let wallOrigin: Double
    /// How many virtual seconds pass per wall second.
    public let rate: Double
    private let offset = Mutex<Double>(0)

    /// Creates a clock starting at `start` (epoch seconds, default: now) running `rate`× wall time.
    public init(rate: Double, start: Double? = nil) {
        self.rate = max(rate, 0.000_001)
        self.wallOrigin = Date().timeIntervalSince1970
        self.origin = start ?? wallOrigin
    }

    /// Virtual epoch seconds.
    public func now() -> Double {
        let wall = Date().timeIntervalSince1970 - wallOrigin
        return origin + wall * rate + offset.withLock { $0 }
    }

    /// Moves virtual time forward by `seconds` at once (never backwards).
    public func advance(by seconds: Double) {
        offset.withLock { $0 += max(0, seconds) }
    }

    /// Sleeps `seconds` of virtual time (`seconds / rate` of wall time).
    public func sleep(seconds: Double) async throws {
        let target = now() + max(0, seconds)
        while true {
            let remaining = target - now()
            if remaining <= 0 { return }
            // Re-check in slices so that `advance(by:)` shortens a sleep already under way.
            let slice = min(remaining / rate, 0.05)
            try await Task.sleep(nanoseconds: UInt64(max(slice, 0.000_2) * 1e9))
        }
    }

    /// Blocks for `seconds` of virtual time; returns `false` if `token` was cancelled first.
    public func blockingSleep(seconds: Double, token: CancellationToken?) -> Bool {
        let target = now() + max(0, seconds)
        while true {
            let remaining = target - now()
            if remaining <= 0 { return true }
            let slice = min(remaining / rate, 0.05)
            if let token {
                if token.wait(seconds: max(slice, 0.000_2)) { return false }
            } else {
                Thread.sleep(forTimeInterval: max(slice, 0.000_2))
            }
        }
    }
}
