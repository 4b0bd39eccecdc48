import Foundation
import SparkDeployCore
import Testing

@Suite("UTC date-time by arithmetic")
struct UTCDateTimeTests {
    /// The same fields from Foundation's Gregorian calendar in UTC (the reference).
    private func reference(_ seconds: Double) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: seconds))
        let millis = Int64((seconds * 1000).rounded(.down)) % 1000
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0,
            c.second ?? 0, (millis + 1000) % 1000)
    }

    @Test("known instants: the epoch, a leap day, year ends, milliseconds truncated, the X-Amz-Date form")
    func knownInstants() {
        #expect(UTCDateTime(epochSeconds: 0).iso8601Milliseconds == "1970-01-01T00:00:00.000Z")
        #expect(UTCDateTime(epochSeconds: 951_782_400).iso8601Milliseconds == "2000-02-29T00:00:00.000Z")
        #expect(UTCDateTime(epochSeconds: 1_798_761_599.9996).iso8601Milliseconds == "2026-12-31T23:59:59.999Z")
        #expect(UTCDateTime(epochSeconds: 1_440_938_160).basicISO8601 == "20150830T123600Z")
        #expect(UTCDateTime(epochSeconds: -1).iso8601Milliseconds == "1969-12-31T23:59:59.000Z")
    }

    @Test("agrees with Foundation's Gregorian calendar in UTC over 1900–2200, every 6 days and some hours")
    func agreesWithFoundation() {
        var mismatches: [String] = []
        var t = -2_208_988_800.0  // 1900-01-01
        while t < 7_258_118_400 {  // 2200-01-01
            let mine = UTCDateTime(epochSeconds: t).iso8601Milliseconds
            let theirs = reference(t)
            if mine != theirs { mismatches.append("\(t): \(mine) vs \(theirs)") }
            t += 6 * 86_400 + 3_723.25
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test("HTTP's IMF-fixdate: weekday, month name, zero-padded day and clock, GMT")
    func imfFixdate() {
        #expect(UTCDateTime(epochSeconds: 0).imfFixdate == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(UTCDateTime(epochSeconds: 784_111_777).imfFixdate == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(UTCDateTime(epochSeconds: 1_767_323_045.75).imfFixdate == "Fri, 02 Jan 2026 03:04:05 GMT")
        #expect(UTCDateTime(epochSeconds: -1).imfFixdate == "Wed, 31 Dec 1969 23:59:59 GMT")
    }

    @Test("the IMF-fixdate's weekday agrees with Foundation's Gregorian calendar in UTC over 1900–2200")
    func weekdayAgreesWithFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let names = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        var mismatches: [String] = []
        var t = -2_208_988_800.0  // 1900-01-01
        while t < 7_258_118_400 {  // 2200-01-01
            let weekday = calendar.component(.weekday, from: Date(timeIntervalSince1970: t))
            let mine = UTCDateTime(epochSeconds: t).imfFixdate
            if !mine.hasPrefix(names[(weekday - 1 + 7) % 7] + ", ") { mismatches.append("\(t): \(mine) vs weekday \(weekday)") }
            t += 5 * 86_400 + 7_207.5
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}
