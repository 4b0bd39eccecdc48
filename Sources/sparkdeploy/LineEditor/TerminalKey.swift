/// A key the line editor acts on, decoded from the bytes a terminal sends.
enum TerminalKey: Equatable {
    /// A printable character.
    case character(Character)
    /// Enter (CR or LF), Tab, Backspace (DEL, Ctrl-H), Delete (`ESC [3~`).
    case enter, tab, backspace, delete
    /// The arrows (Ctrl-B/F/P/N too), Home (Ctrl-A) and End (Ctrl-E).
    case left, right, up, down, home, end
    /// Ctrl-C, Ctrl-D, Ctrl-K, Ctrl-U, Ctrl-W, Ctrl-L.
    case interrupt, endOfInput, killToEnd, killToStart, deleteWord, clearScreen
    /// Anything else (an unknown escape sequence, a control key without a meaning here).
    case ignored

    /// Reads one key from `next` (which returns nil at end of input); nil at end of input.
    static func read(_ next: () -> UInt8?) -> TerminalKey? {
        guard let byte = next() else { return nil }
        switch byte {
        case 0x01: return .home  // Ctrl-A
        case 0x02: return .left  // Ctrl-B
        case 0x03: return .interrupt  // Ctrl-C
        case 0x04: return .endOfInput  // Ctrl-D
        case 0x05: return .end  // Ctrl-E
        case 0x06: return .right  // Ctrl-F
        case 0x08, 0x7f: return .backspace  // Ctrl-H, DEL
        case 0x09: return .tab
        case 0x0a, 0x0d: return .enter
        case 0x0b: return .killToEnd  // Ctrl-K
        case 0x0c: return .clearScreen  // Ctrl-L
        case 0x0e: return .down  // Ctrl-N
        case 0x10: return .up  // Ctrl-P
        case 0x15: return .killToStart  // Ctrl-U
        case 0x17: return .deleteWord  // Ctrl-W
        case 0x1b: return escapeSequence(next)
        case 0x00..<0x20: return .ignored
        default: return utf8Character(first: byte, next)
        }
    }

    /// `ESC [ A`…, `ESC O H`…, `ESC [ 3 ~`…: arrows, Home, End, Delete.
    private static func escapeSequence(_ next: () -> UInt8?) -> TerminalKey {
        guard let kind = next() else { return .ignored }
        guard kind == UInt8(ascii: "[") || kind == UInt8(ascii: "O") else { return .ignored }
        var parameters: [UInt8] = []
        while let byte = next() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: ";"):
                parameters.append(byte)
                if parameters.count > 8 { return .ignored }
            case UInt8(ascii: "A"): return .up
            case UInt8(ascii: "B"): return .down
            case UInt8(ascii: "C"): return .right
            case UInt8(ascii: "D"): return .left
            case UInt8(ascii: "H"): return .home
            case UInt8(ascii: "F"): return .end
            case UInt8(ascii: "~"):
                switch String(decoding: parameters, as: UTF8.self) {
                case "1", "7": return .home
                case "4", "8": return .end
                case "3": return .delete
                default: return .ignored
                }
            default: return .ignored
            }
        }
        return .ignored
    }

    /// A UTF-8 character starting with `first` (continuation bytes read from `next`).
    private static func utf8Character(first: UInt8, _ next: () -> UInt8?) -> TerminalKey {
        let length: Int
        switch first {
        case 0x20..<0x80: length = 1
        case 0xc0..<0xe0: length = 2
        case 0xe0..<0xf0: length = 3
        case 0xf0..<0xf8: length = 4
        default: return .ignored
        }
        var bytes = [first]
        while bytes.count < length, let byte = next() { bytes.append(byte) }
        guard let text = String(validating: bytes, as: UTF8.self), let character = text.first else { return .ignored }
        return .character(character)
    }
}
