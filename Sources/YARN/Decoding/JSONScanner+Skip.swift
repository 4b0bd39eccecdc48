extension JSONScanner {
    /// Whether the next byte (after spaces) is `byte`; consumes it when it is.
    mutating func consume(_ byte: UInt8) -> Bool {
        skipSpace()
        guard index < buffer.count, buffer[index] == byte else { return false }
        index += 1
        return true
    }

    /// The next byte after spaces, without consuming it (`nil` at the end).
    mutating func peek() -> UInt8? {
        skipSpace()
        return index < buffer.count ? buffer[index] : nil
    }

    /// Reads a field name and the `:` after it.
    mutating func fieldName() throws(JSONReadError) -> String {
        skipSpace()
        guard index < buffer.count else { throw fail("unexpected end of data inside an object (truncated body?)") }
        guard buffer[index] == UInt8(ascii: "\"") else { throw fail("expected a field name") }
        let key = try string()
        guard consume(UInt8(ascii: ":")) else { throw fail("expected ':'") }
        skipSpace()
        return key
    }

    /// After a member: `true` if another follows (`,`), `false` at the closing `close`.
    mutating func next(closing close: UInt8, inside: String) throws(JSONReadError) -> Bool {
        skipSpace()
        guard index < buffer.count else { throw fail("unexpected end of data inside \(inside) (truncated body?)") }
        if buffer[index] == UInt8(ascii: ",") { index += 1; return true }
        if buffer[index] == close { index += 1; return false }
        throw fail(close == UInt8(ascii: "}") ? "expected ',' or '}'" : "expected ',' or ']'")
    }

    /// The JSON type name of the next value, for error messages.
    mutating func nextTypeName() -> String {
        switch peek() {
        case UInt8(ascii: "{"): return "object"
        case UInt8(ascii: "["): return "array"
        case UInt8(ascii: "\""): return "string"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return "boolean"
        case UInt8(ascii: "n"): return "null"
        case .none: return "nothing"
        default: return "number"
        }
    }

    /// Validates and skips one value without building it (strings are still checked for UTF-8).
    mutating func skipValue(depth: Int) throws(JSONReadError) {
        skipSpace()
        guard index < buffer.count else { throw fail("unexpected end of data (truncated body?)") }
        switch buffer[index] {
        case UInt8(ascii: "{"):
            guard depth < JSONReader.maxDepth else { throw fail("nesting deeper than \(JSONReader.maxDepth)") }
            index += 1
            if consume(UInt8(ascii: "}")) { return }
            repeat {
                try skipString()
                guard consume(UInt8(ascii: ":")) else { throw fail("expected ':'") }
                try skipValue(depth: depth + 1)
            } while try next(closing: UInt8(ascii: "}"), inside: "an object")
        case UInt8(ascii: "["):
            guard depth < JSONReader.maxDepth else { throw fail("nesting deeper than \(JSONReader.maxDepth)") }
            index += 1
            if consume(UInt8(ascii: "]")) { return }
            repeat {
                try skipValue(depth: depth + 1)
            } while try next(closing: UInt8(ascii: "]"), inside: "an array")
        case UInt8(ascii: "\""):
            try skipString()
        default:
            _ = try value(depth: depth)
        }
    }

    /// Skips a string, validating escapes and UTF-8 like ``string()`` but without keeping it.
    mutating func skipString() throws(JSONReadError) {
        skipSpace()
        guard index < buffer.count, buffer[index] == UInt8(ascii: "\"") else { throw fail("expected a string") }
        let start = index + 1
        var cursor = start
        var escaped = false
        var seen: UInt8 = 0
        while cursor < buffer.count {
            let byte = buffer[cursor]
            seen |= byte
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") { escaped = true; break }
            if byte < 0x20 { index = cursor; throw fail("control character in a string") }
            cursor += 1
        }
        if escaped || cursor >= buffer.count {
            _ = try string()
            return
        }
        guard seen < 0x80 || String(validating: UnsafeBufferPointer(rebasing: buffer[start..<cursor]), as: UTF8.self) != nil else {
            throw JSONReadError(offset: start, reason: "string is not valid UTF-8")
        }
        index = cursor + 1
    }
}

extension JSONScanner {
    /// Reads a field name and the `:` after it as raw bytes when it has no escapes (the common
    /// case), so known names can be matched without creating a `String`; `nil` bytes means
    /// "escaped name", returned decoded in `fallback`.
    mutating func rawFieldName() throws(JSONReadError) -> (bytes: UnsafeBufferPointer<UInt8>?, fallback: String?) {
        skipSpace()
        guard index < buffer.count else { throw fail("unexpected end of data inside an object (truncated body?)") }
        guard buffer[index] == UInt8(ascii: "\"") else { throw fail("expected a field name") }
        let start = index + 1
        var cursor = start
        var seen: UInt8 = 0
        while cursor < buffer.count {
            let byte = buffer[cursor]
            seen |= byte
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            cursor += 1
        }
        if cursor < buffer.count, buffer[cursor] == UInt8(ascii: "\""), seen < 0x80 {
            index = cursor + 1
            guard consume(UInt8(ascii: ":")) else { throw fail("expected ':'") }
            skipSpace()
            return (UnsafeBufferPointer(rebasing: buffer[start..<cursor]), nil)
        }
        return (nil, try fieldName())
    }
}
