import Foundation

/// The `X-Amz-Date` form of an instant: `yyyyMMdd'T'HHmmss'Z'` in UTC, independent of locale.
public struct SigV4Timestamp: Sendable, Equatable, CustomStringConvertible {
    /// `20150830T123600Z`.
    public let amzDate: String

    /// The first 8 characters, `20150830`, used in the credential scope.
    public var date: String { String(amzDate.prefix(8)) }

    /// The timestamp of `epochSeconds` (fractions are truncated, as botocore's `strftime`).
    public init(epochSeconds: Double) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let date = Date(timeIntervalSince1970: epochSeconds.rounded(.down))
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        amzDate =
            pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2) + "T" + pad(c.hour, 2) + pad(c.minute, 2)
            + pad(c.second, 2) + "Z"
    }

    /// The `X-Amz-Date` text.
    public var description: String { amzDate }
}
