import Foundation

/// The member names of a JSON object in document order, duplicates kept — which `JSONDecoder`
/// and `JSONSerialization` hide by keeping one value. Only for text a JSON parser has already
/// accepted: it skips values without checking them.
enum JSONObjectKeys {
    /// Names given more than once at the top level of `data` (after unescaping: `"a"` and
    /// `"\u0061"` are the same name), in the order they repeat.
    static func duplicates(in data: Data) -> [String] {
        var seen: Set<String> = []
        var repeated: [String] = []
        for key in topLevelKeys(Array(data)) {
            if !seen.insert(key).inserted && !repeated.contains(key) { repeated.append(key) }
        }
        return repeated
    }

    private static func topLevelKeys(_ bytes: [UInt8]) -> [String] {
        var keys: [String] = []
        var index = 0
        var depth = 0
        var expectingKey = false
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                let end = endOfString(bytes, from: index)
                if depth == 1 && expectingKey {
                    let literal = Data(bytes[index..<min(end, bytes.count)])
                    if let key = try? JSONDecoder().decode(String.self, from: literal) { keys.append(key) }
                    expectingKey = false
                }
                index = end
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                expectingKey = depth == 1 && byte == UInt8(ascii: "{")
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
            case UInt8(ascii: ","):
                if depth == 1 { expectingKey = true }
            default:
                break
            }
            index += 1
        }
        return keys
    }

    /// The index just past the string literal opening at `start`.
    private static func endOfString(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index + 1
            default: index += 1
            }
        }
        return index
    }
}
