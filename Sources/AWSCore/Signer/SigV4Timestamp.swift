import SparkDeployCore

/// The `X-Amz-Date` form of an instant: `yyyyMMdd'T'HHmmss'Z'` in UTC, independent of locale.
public struct SigV4Timestamp: Sendable, Equatable, CustomStringConvertible {
    /// `20150830T123600Z`.
    public let amzDate: String

    /// The first 8 characters, `20150830`, used in the credential scope.
    public var date: String { String(amzDate.prefix(8)) }

    /// The timestamp of `epochSeconds` (fractions are truncated, as botocore's `strftime`).
    public init(epochSeconds: Double) {
        amzDate = UTCDateTime(epochSeconds: epochSeconds.rounded(.down)).basicISO8601
    }

    /// The `X-Amz-Date` text.
    public var description: String { amzDate }
}
