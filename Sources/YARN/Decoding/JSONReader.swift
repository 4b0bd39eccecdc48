/// Why a body is not valid JSON.
struct JSONReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Byte offset of the problem.
    var offset: Int
    /// What was wrong.
    var reason: String
    /// `"invalid JSON at byte 12: unterminated string"`.
    var description: String { "invalid JSON at byte \(offset): \(reason)" }
}

/// A strict JSON parser over bytes, producing ``RMJSONValue`` trees.
///
/// Hand-rolled (with ``JSONScanner``) so that the apps list can be decoded without building a
/// tree at all (see `AppsDecoder`): it parses in one pass over an unsafe buffer, validates UTF-8,
/// limits nesting depth, and rejects trailing garbage.
enum JSONReader {
    /// Deepest nesting accepted (RM bodies nest at most ~6 levels).
    static let maxDepth = 128

    /// Parses `bytes` as one JSON document.
    /// - Throws: ``JSONReadError`` with the byte offset and the reason.
    static func parse(_ bytes: [UInt8]) throws(JSONReadError) -> RMJSONValue {
        let result: Result<RMJSONValue, JSONReadError> = bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONScanner(buffer: buffer)
            do throws(JSONReadError) {
                parser.skipSpace()
                let value = try parser.value(depth: 0)
                parser.skipSpace()
                if parser.index != buffer.count { throw parser.fail("unexpected data after the JSON value") }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

}

/// The byte-level scanner behind ``JSONReader`` and the apps decoder: reads or skips one value at a time.
struct JSONScanner {
    let buffer: UnsafeBufferPointer<UInt8>
    var index = 0

    init(buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }

    func fail(_ reason: String) -> JSONReadError { JSONReadError(offset: index, reason: reason) }

    mutating func skipSpace() {
        while index < buffer.count {
            switch buffer[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    mutating func value(depth: Int) throws(JSONReadError) -> RMJSONValue {
        guard index < buffer.count else { throw fail("unexpected end of data (truncated body?)") }
        switch buffer[index] {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        case UInt8(ascii: "<"): throw fail("found markup ('<'), the body looks like HTML or XML")
        default: throw fail("unexpected character '\(Self.printable(buffer[index]))'")
        }
    }

    static func printable(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "0x" + String(byte, radix: 16)
    }

    mutating func literal(_ word: StaticString) throws(JSONReadError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= buffer.count else { throw fail("unexpected end of data (truncated body?)") }
        let start = word.utf8Start
        for i in 0..<count where buffer[index + i] != start[i] {
            throw fail("invalid literal")
        }
        index += count
    }

    mutating func object(depth: Int) throws(JSONReadError) -> RMJSONValue {
        guard depth <= JSONReader.maxDepth else { throw fail("nesting deeper than \(JSONReader.maxDepth)") }
        index += 1
        var fields: [String: RMJSONValue] = [:]
        skipSpace()
        if index < buffer.count && buffer[index] == UInt8(ascii: "}") { index += 1; return .object(fields) }
        while true {
            skipSpace()
            guard index < buffer.count else { throw fail("unexpected end of data inside an object (truncated body?)") }
            guard buffer[index] == UInt8(ascii: "\"") else { throw fail("expected a field name") }
            let key = try string()
            skipSpace()
            guard index < buffer.count, buffer[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
            index += 1
            skipSpace()
            fields[key] = try value(depth: depth)
            skipSpace()
            guard index < buffer.count else { throw fail("unexpected end of data inside an object (truncated body?)") }
            if buffer[index] == UInt8(ascii: ",") { index += 1; continue }
            if buffer[index] == UInt8(ascii: "}") { index += 1; return .object(fields) }
            throw fail("expected ',' or '}'")
        }
    }

    mutating func array(depth: Int) throws(JSONReadError) -> RMJSONValue {
        guard depth <= JSONReader.maxDepth else { throw fail("nesting deeper than \(JSONReader.maxDepth)") }
        index += 1
        var items: [RMJSONValue] = []
        skipSpace()
        if index < buffer.count && buffer[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
        while true {
            skipSpace()
            items.append(try value(depth: depth))
            skipSpace()
            guard index < buffer.count else { throw fail("unexpected end of data inside an array (truncated body?)") }
            if buffer[index] == UInt8(ascii: ",") { index += 1; continue }
            if buffer[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
            throw fail("expected ',' or ']'")
        }
    }

    mutating func number() throws(JSONReadError) -> RMJSONValue {
        let start = index
        var integral = true
        if buffer[index] == UInt8(ascii: "-") { index += 1 }
        var digits = 0
        while index < buffer.count, buffer[index] >= 0x30, buffer[index] <= 0x39 { index += 1; digits += 1 }
        guard digits > 0 else { throw fail("invalid number") }
        if index < buffer.count, buffer[index] == UInt8(ascii: ".") {
            integral = false
            index += 1
            var fraction = 0
            while index < buffer.count, buffer[index] >= 0x30, buffer[index] <= 0x39 { index += 1; fraction += 1 }
            guard fraction > 0 else { throw fail("invalid number") }
        }
        if index < buffer.count, buffer[index] == UInt8(ascii: "e") || buffer[index] == UInt8(ascii: "E") {
            integral = false
            index += 1
            if index < buffer.count, buffer[index] == UInt8(ascii: "+") || buffer[index] == UInt8(ascii: "-") { index += 1 }
            var exponent = 0
            while index < buffer.count, buffer[index] >= 0x30, buffer[index] <= 0x39 { index += 1; exponent += 1 }
            guard exponent > 0 else { throw fail("invalid number") }
        }
        if integral && digits <= 18 {
            var value: Int64 = 0
            var i = start
            let negative = buffer[i] == UInt8(ascii: "-")
            if negative { i += 1 }
            while i < index { value = value &* 10 &+ Int64(buffer[i] &- 0x30); i += 1 }
            return .int(negative ? -value : value)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<index]), as: UTF8.self)
        guard let value = Double(text) else { throw fail("invalid number") }
        if integral, let exact = Int64(text) { return .int(exact) }
        return .double(value)
    }

    mutating func string() throws(JSONReadError) -> String {
        index += 1
        let start = index
        // Fast path: no escapes.
        var seen: UInt8 = 0
        while index < buffer.count {
            let byte = buffer[index]
            seen |= byte
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: buffer[start..<index])
                index += 1
                if seen < 0x80 { return String(decoding: slice, as: UTF8.self) }  // ASCII: valid by construction
                guard let text = String(validating: slice, as: UTF8.self) else {
                    throw JSONReadError(offset: start, reason: "string is not valid UTF-8")
                }
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw fail("control character in a string") }
            index += 1
        }
        guard index < buffer.count else { throw fail("unterminated string (truncated body?)") }
        // Slow path: escapes.
        var bytes = Array(UnsafeBufferPointer(rebasing: buffer[start..<index]))
        while index < buffer.count {
            let byte = buffer[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    throw JSONReadError(offset: start, reason: "string is not valid UTF-8")
                }
                return text
            }
            if byte < 0x20 { throw fail("control character in a string") }
            if byte != UInt8(ascii: "\\") { bytes.append(byte); index += 1; continue }
            index += 1
            guard index < buffer.count else { break }
            let escaped = buffer[index]
            index += 1
            switch escaped {
            case UInt8(ascii: "\""): bytes.append(0x22)
            case UInt8(ascii: "\\"): bytes.append(0x5C)
            case UInt8(ascii: "/"): bytes.append(0x2F)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    guard index + 1 < buffer.count, buffer[index] == UInt8(ascii: "\\"),
                        buffer[index + 1] == UInt8(ascii: "u")
                    else { throw fail("unpaired surrogate") }
                    index += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw fail("unpaired surrogate") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw fail("unpaired surrogate")
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw fail("invalid \\u escape") }
                bytes.append(contentsOf: Array(String(Character(unicode)).utf8))
            default: throw fail("invalid escape")
            }
        }
        throw fail("unterminated string (truncated body?)")
    }

    mutating func hex4() throws(JSONReadError) -> UInt32 {
        guard index + 4 <= buffer.count else { throw fail("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = buffer[index]
            let digit: UInt32
            switch b {
            case 0x30...0x39: digit = UInt32(b - 0x30)
            case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
            default: throw fail("invalid \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}
