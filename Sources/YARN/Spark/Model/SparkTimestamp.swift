import Foundation

/// Spark's REST timestamps: `"2026-12-01T05:49:38.781GMT"` (every version since 1.4), also accepted as epoch
/// milliseconds (the history server's `…Epoch` fields) and as ISO 8601 with `Z` or an offset.
enum SparkTimestamp {
    /// The instant `text` names, or nil when it is not a Spark timestamp.
    static func parse(_ text: String) -> Date? {
        var iso = text.trimmingCharacters(in: .whitespaces)
        if iso.hasSuffix("GMT") { iso = String(iso.dropLast(3)) + "Z" }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: iso) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: iso)
    }

    /// Decodes an optional timestamp under `key`: a string as above, or a number of epoch milliseconds.
    /// - Throws: `DecodingError.dataCorrupted` naming the key for a string that is not a timestamp.
    static func decode<Key: CodingKey>(_ container: KeyedDecodingContainer<Key>, _ key: Key) throws -> Date? {
        guard container.contains(key), try !container.decodeNil(forKey: key) else { return nil }
        if let millis = try? container.decode(Double.self, forKey: key) {
            return Date(timeIntervalSince1970: millis / 1000)
        }
        let text = try container.decode(String.self, forKey: key)
        guard let date = parse(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container,
                debugDescription: "not a Spark timestamp: \(text.prefix(40))")
        }
        return date
    }
}
