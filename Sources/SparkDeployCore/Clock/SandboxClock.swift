import Foundation

/// A standalone sandbox's virtual clock as it travels in the environment
/// (`SPARKDEPLOY_SANDBOX_CLOCK=<rate>@<virtual epoch>@<wall epoch>`): runs against that sandbox wait, hold
/// and read `now()` on the sandbox's time, so a 60 s settle at `--speed 30` takes 2 s and `now()` agrees
/// with the RM's timestamps.
public struct SandboxClock: Sendable, Equatable {
    /// The environment variable.
    public static let variable = "SPARKDEPLOY_SANDBOX_CLOCK"

    /// Virtual seconds per wall second.
    public var rate: Double
    /// A virtual epoch second…
    public var virtual: Double
    /// …and the wall epoch second it corresponds to.
    public var wall: Double

    /// The reading of `clock` now.
    public init(_ clock: ScaledClock) {
        rate = clock.rate
        wall = Date().timeIntervalSince1970
        virtual = clock.now()
    }

    /// Parses the variable's value; nil when it is not `<rate>@<virtual>@<wall>` with a positive finite rate.
    public init?(text: String) {
        let parts = text.split(separator: "@").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 3, let rate = parts[0], let virtual = parts[1], let wall = parts[2],
            rate.isFinite, rate > 0, virtual.isFinite, wall.isFinite
        else { return nil }
        (self.rate, self.virtual, self.wall) = (rate, virtual, wall)
    }

    /// The variable's value.
    public var text: String { "\(rate)@\(DecimalText.fixed(virtual, digits: 3))@\(DecimalText.fixed(wall, digits: 3))" }

    /// A clock that reads the same virtual time as the sandbox's, from now on.
    public func makeClock() -> ScaledClock {
        ScaledClock(rate: rate, start: virtual + (Date().timeIntervalSince1970 - wall) * rate)
    }
}
