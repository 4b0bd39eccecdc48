import HTTPTransport

enum RetryAfter {
    /// `Retry-After` in seconds (delta-seconds form only), or `nil`.
    static func seconds(_ response: HTTPResponse) -> Double? {
        guard let value = response.header("Retry-After")?.trimmingCharacters(in: .whitespaces),
              let seconds = Double(value), seconds >= 0, seconds.isFinite else { return nil }
        return seconds
    }
}

import Foundation
