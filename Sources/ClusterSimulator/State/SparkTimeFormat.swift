/// The timestamp spellings a Spark driver uses, computed without `DateFormatter` (pure and thread-safe).
enum SparkTimeFormat {
    /// UTC calendar fields of an instant.
    struct Fields: Equatable {
        var year: Int
        var month: Int
        var day: Int
        var hour: Int
        var minute: Int
        var second: Int
        var millisecond: Int
    }

    /// The UTC calendar fields of `seconds` since 1970 (rounded down to the millisecond).
    static func fields(_ seconds: Double) -> Fields {
        let millis = Int64((seconds * 1000).rounded(.down))
        let (days, msOfDay) = floorDivide(millis, 86_400_000)
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return Fields(
            year: Int(year), month: Int(month), day: Int(day), hour: Int(msOfDay / 3_600_000),
            minute: Int(msOfDay / 60000 % 60), second: Int(msOfDay / 1000 % 60), millisecond: Int(msOfDay % 1000))
    }

    /// Spark's REST spelling: `2026-12-05T03:04:05.678GMT`.
    static func rest(_ seconds: Double) -> String {
        let f = fields(seconds)
        return "\(pad(f.year, 4))-\(pad(f.month, 2))-\(pad(f.day, 2))T\(pad(f.hour, 2)):\(pad(f.minute, 2)):"
            + "\(pad(f.second, 2)).\(pad(f.millisecond, 3))GMT"
    }

    /// Spark's log4j spelling (`yy/MM/dd HH:mm:ss`, UTC): `26/12/05 03:04:05`.
    static func log(_ seconds: Double) -> String {
        let f = fields(seconds)
        return "\(pad(f.year % 100, 2))/\(pad(f.month, 2))/\(pad(f.day, 2)) \(pad(f.hour, 2)):\(pad(f.minute, 2)):\(pad(f.second, 2))"
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let q = a / b
        let r = a % b
        return r < 0 ? (q - 1, r + b) : (q, r)
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
