/// An instant broken into UTC calendar fields by arithmetic (the proleptic Gregorian calendar of
/// ISO 8601 and RFC 3339), not by `Calendar` and `TimeZone`.
///
/// Foundation's calendar loads ICU's time-zone tables on first use: about half a millisecond of
/// every start-up, spent on the first log line. UTC needs none of it.
public struct UTCDateTime: Sendable, Equatable {
    /// The year (e.g. 2026).
    public let year: Int
    /// 1–12.
    public let month: Int
    /// 1–31.
    public let day: Int
    /// 0–23.
    public let hour: Int
    /// 0–59.
    public let minute: Int
    /// 0–59 (UTC as POSIX time counts it: no leap seconds).
    public let second: Int
    /// 0–999, truncated.
    public let millisecond: Int
    /// Days since 1970-01-01 (negative before it).
    private let daysSinceEpoch: Int64

    /// The fields of `epochSeconds` (seconds since 1970-01-01T00:00:00Z; fractions truncated to milliseconds).
    public init(epochSeconds: Double) {
        let millis = Int64((epochSeconds * 1000).rounded(.down))
        let (days, msOfDay) = Self.floorDivision(millis, 86_400_000)
        daysSinceEpoch = days
        (year, month, day) = Self.civil(fromDays: days)
        hour = Int(msOfDay / 3_600_000)
        minute = Int(msOfDay / 60_000 % 60)
        second = Int(msOfDay / 1000 % 60)
        millisecond = Int(msOfDay % 1000)
    }

    /// `2026-12-05T06:50:54.123Z`.
    public var iso8601Milliseconds: String {
        "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))T\(Self.pad(hour, 2)):\(Self.pad(minute, 2)):"
            + "\(Self.pad(second, 2)).\(Self.pad(millisecond, 3))Z"
    }

    /// `20261205T065054Z` (the `X-Amz-Date` form).
    public var basicISO8601: String {
        "\(Self.pad(year, 4))\(Self.pad(month, 2))\(Self.pad(day, 2))T\(Self.pad(hour, 2))\(Self.pad(minute, 2))\(Self.pad(second, 2))Z"
    }

    /// `Sat, 05 Dec 2026 06:50:54 GMT` (RFC 9110's IMF-fixdate: HTTP's `Date` and `Last-Modified`).
    public var imfFixdate: String {
        let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][Int((daysSinceEpoch % 7 + 7) % 7)]  // 1970-01-01: a Thursday
        return "\(weekday), \(Self.pad(day, 2)) \(Self.monthNames[month - 1]) \(Self.pad(year, 4)) "
            + "\(Self.pad(hour, 2)):\(Self.pad(minute, 2)):\(Self.pad(second, 2)) GMT"
    }

    /// English month abbreviations, as HTTP dates spell them: `Jan` … `Dec`.
    public static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `value` zero-padded to `width` digits (``DecimalText/padded(_:width:)``), short for the formats above.
    private static func pad(_ value: Int, _ width: Int) -> String { DecimalText.padded(value, width: width) }

    /// Year, month and day of `days` since 1970-01-01 (Howard Hinnant's `civil_from_days`).
    static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let remainder = value % divisor
        return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
    }
}
