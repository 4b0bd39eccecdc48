import Foundation

/// Reads a server's wait hint: `x-amz-retry-after` (milliseconds) or `Retry-After` (seconds).
public enum RetryAfter {
    /// The hinted wait in seconds, or `nil`.
    public static func seconds(headers: [(name: String, value: String)]) -> Double? {
        for (name, value) in headers {
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            if name.caseInsensitiveCompare("x-amz-retry-after") == .orderedSame, let ms = Double(trimmed), ms >= 0 {
                return ms / 1000
            }
        }
        for (name, value) in headers where name.caseInsensitiveCompare("Retry-After") == .orderedSame {
            if let seconds = Double(value.trimmingCharacters(in: .whitespaces)), seconds >= 0 { return seconds }
        }
        return nil
    }

    /// The delay to use: the server's hint when there is one, bounded to the backoff cap + 5 s
    /// (so a hostile or broken header cannot stall a deploy), else `backoffDelay`.
    public static func delay(backoffDelay: Double, hint: Double?, cap: Double) -> Double {
        guard let hint else { return backoffDelay }
        return min(hint, cap + 5)
    }
}
