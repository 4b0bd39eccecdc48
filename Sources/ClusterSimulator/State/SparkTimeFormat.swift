import SparkDeployCore

/// The timestamp spellings a Spark driver uses, from ``UTCDateTime`` (no `DateFormatter`: pure and thread-safe).
enum SparkTimeFormat {
    /// Spark's REST spelling: `2026-12-05T03:04:05.678GMT`.
    static func rest(_ seconds: Double) -> String {
        String(UTCDateTime(epochSeconds: seconds).iso8601Milliseconds.dropLast()) + "GMT"
    }

    /// Spark's log4j spelling (`yy/MM/dd HH:mm:ss`, UTC): `26/12/05 03:04:05`.
    static func log(_ seconds: Double) -> String {
        let t = UTCDateTime(epochSeconds: seconds)
        let pad = { (value: Int, width: Int) in DecimalText.padded(value, width: width) }
        return "\(pad(t.year % 100, 2))/\(pad(t.month, 2))/\(pad(t.day, 2)) \(pad(t.hour, 2)):\(pad(t.minute, 2)):\(pad(t.second, 2))"
    }
}
