/// A seeded, reproducible random source (SplitMix64) for hostile-response generation: the same seed
/// always yields the same cases, so a failure message with its seed reproduces the case.
public struct HostileRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Starts the sequence at `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The seed to use: `HOSTILE_SEED` from the environment when set (to replay a failure), else `fallback`.
    public static func seed(default fallback: UInt64, environment: [String: String]) -> UInt64 {
        environment["HOSTILE_SEED"].flatMap { UInt64($0) } ?? fallback
    }
}
