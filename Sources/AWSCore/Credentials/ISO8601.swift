import Foundation

/// Parses the timestamps credential sources use (`2024-01-01T00:00:00Z`, with or without fractions
/// or an offset) into epoch seconds.
enum ISO8601 {
    static func parse(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: trimmed) { return date.timeIntervalSince1970 }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = fractional.date(from: trimmed) { return date.timeIntervalSince1970 }
        return nil
    }
}
