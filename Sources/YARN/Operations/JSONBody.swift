import SparkDeployCore

/// Builds small JSON request bodies (deterministic key order).
enum JSONBody {
    /// The UTF-8 text of `value`.
    static func encode(_ value: JSONText) -> [UInt8] { Array(value.text.utf8) }
}
