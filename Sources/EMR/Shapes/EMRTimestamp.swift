import Foundation

/// An EMR timestamp: epoch seconds as a JSON number (possibly fractional); an ISO 8601 string is
/// accepted too, for tolerance.
public struct EMRTimestamp: Codable, Sendable, Equatable, Comparable {
    /// Seconds since the Unix epoch.
    public var epochSeconds: Double

    /// Creates a timestamp.
    public init(epochSeconds: Double) {
        self.epochSeconds = epochSeconds
    }

    /// Decodes a number or an ISO 8601 string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            epochSeconds = number
            return
        }
        let text = try container.decode(String.self)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        guard
            let date = formatter.date(from: text) ?? plain.date(from: text)
                ?? Double(text).map({
                    Date(timeIntervalSince1970: $0)
                })
        else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a timestamp: \(text)")
        }
        epochSeconds = date.timeIntervalSince1970
    }

    /// Encodes epoch seconds as a number.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(epochSeconds)
    }

    /// Orders by time.
    public static func < (lhs: EMRTimestamp, rhs: EMRTimestamp) -> Bool { lhs.epochSeconds < rhs.epochSeconds }
}
