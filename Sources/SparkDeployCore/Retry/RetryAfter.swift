import Foundation

/// Reads a server's wait hint and bounds it: the one reader of `Retry-After` for every client
/// (AWS JSON 1.1, S3 and the YARN ResourceManager).
public enum RetryAfter {
    /// The hinted wait in seconds, or `nil` when no header carries a finite, non-negative number.
    ///
    /// `Retry-After` is read in its delta-seconds form (HTTP dates are ignored). With
    /// `amazonMilliseconds` (the AWS clients), `x-amz-retry-after` in milliseconds is read first
    /// and wins; the ResourceManager passes `false`, as Hadoop never sends it.
    public static func seconds(headers: [(name: String, value: String)], amazonMilliseconds: Bool = true) -> Double? {
        if amazonMilliseconds {
            for (name, value) in headers where name.caseInsensitiveCompare("x-amz-retry-after") == .orderedSame {
                if let ms = number(value) { return ms / 1000 }
            }
        }
        for (name, value) in headers where name.caseInsensitiveCompare("Retry-After") == .orderedSame {
            if let seconds = number(value) { return seconds }
        }
        return nil
    }

    /// The delay to use: the server's hint when there is one, bounded to the backoff cap + 5 s
    /// (so a hostile or broken header cannot stall a deploy), else `backoffDelay`.
    public static func delay(backoffDelay: Double, hint: Double?, cap: Double) -> Double {
        guard let hint else { return backoffDelay }
        return min(hint, cap + 5)
    }

    /// A header value as a finite, non-negative number, or `nil`.
    private static func number(_ value: String) -> Double? {
        guard let number = Double(value.trimmingCharacters(in: .whitespaces)), number.isFinite, number >= 0 else { return nil }
        return number
    }
}
