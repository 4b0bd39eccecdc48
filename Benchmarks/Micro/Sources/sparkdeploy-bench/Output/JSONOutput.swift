import Foundation

/// Writes a report as pretty JSON to `path`, or stdout when `path` is nil.
enum JSONOutput {
    static func write(_ object: [String: Any], to path: String?) throws {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        if let path {
            try data.write(to: URL(fileURLWithPath: path))
        } else {
            FileHandle.standardOutput.write(data)
            FileHandle.standardOutput.write(Data("\n".utf8))
        }
    }
}
