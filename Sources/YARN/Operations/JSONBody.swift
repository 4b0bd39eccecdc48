import Foundation

/// Builds small JSON request bodies (deterministic key order).
enum JSONBody {
    /// Serialises a dictionary of JSON-compatible values.
    static func encode(_ object: [String: Any], operation: String) throws(YARNError) -> [UInt8] {
        do {
            return Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
        } catch {
            throw YARNError(.configuration, operation: operation, message: "cannot encode request body: \(error)")
        }
    }
}
