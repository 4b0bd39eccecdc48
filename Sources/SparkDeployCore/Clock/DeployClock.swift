import Foundation

/// The time source every waiter, retry loop and simulator lifecycle reads.
///
/// Durations are in seconds of *this clock's* time. The real clock is wall time; a
/// ``ScaledClock`` runs faster than wall time so that a 10-minute deploy timeline on the
/// simulator finishes in seconds, with the recipe and the simulator agreeing on what "now" is.
public protocol DeployClock: Sendable {
    /// Seconds since the Unix epoch, as this clock sees them.
    func now() -> Double
    /// Sleeps `seconds` of this clock's time; throws `CancellationError` when the task is cancelled.
    func sleep(seconds: Double) async throws
    /// Sleeps `seconds` of this clock's time, blocking the calling thread; returns early (with
    /// `false`) when `token` is cancelled. Never call this from a Swift-concurrency worker.
    func blockingSleep(seconds: Double, token: CancellationToken?) -> Bool
    /// How many seconds of this clock pass per wall-clock second (1 for the real clock).
    var rate: Double { get }
}

extension DeployClock {
    /// Converts a duration of this clock's time into wall-clock seconds.
    public func wallSeconds(_ seconds: Double) -> Double { max(0, seconds) / rate }
}

/// Wall-clock time.
public struct SystemClock: DeployClock {
    /// Creates the wall clock.
    public init() {}
    /// Wall time in epoch seconds.
    public func now() -> Double { Date().timeIntervalSince1970 }
    /// One second per second.
    public var rate: Double { 1 }
    /// Sleeps on the Swift-concurrency clock.
    public func sleep(seconds: Double) async throws {
        try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1e9))
    }
    /// Blocks the calling thread, waking early on cancellation.
    public func blockingSleep(seconds: Double, token: CancellationToken?) -> Bool {
        guard let token else {
            Thread.sleep(forTimeInterval: max(0, seconds))
            return true
        }
        return !token.wait(seconds: max(0, seconds))
    }
}
