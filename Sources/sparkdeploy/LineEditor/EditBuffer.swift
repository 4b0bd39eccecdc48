/// The line being edited and the cursor in it (a position between characters), with the editing
/// operations of the REPL's line editor.
struct EditBuffer: Equatable {
    /// The characters of the line.
    private(set) var characters: [Character] = []
    /// Where the cursor is: 0 before the first character, `characters.count` after the last.
    private(set) var cursor = 0

    /// The line as text.
    var text: String { String(characters) }

    /// Replaces the line with `text`, the cursor at its end.
    mutating func set(_ text: String) {
        characters = Array(text)
        cursor = characters.count
    }

    /// Inserts `text` at the cursor, and moves the cursor past it.
    mutating func insert(_ text: String) {
        let inserted = Array(text)
        characters.insert(contentsOf: inserted, at: cursor)
        cursor += inserted.count
    }

    /// Left: one character back.
    mutating func moveLeft() { cursor = max(0, cursor - 1) }
    /// Right: one character on.
    mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    /// Home, Ctrl-A: to the start of the line.
    mutating func moveHome() { cursor = 0 }
    /// End, Ctrl-E: to the end of the line.
    mutating func moveEnd() { cursor = characters.count }

    /// Backspace: deletes the character before the cursor.
    mutating func deleteBackward() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    /// Delete: deletes the character under the cursor.
    mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    /// Ctrl-K: deletes from the cursor to the end of the line.
    mutating func killToEnd() { characters.removeSubrange(cursor...) }

    /// Ctrl-U: deletes from the start of the line to the cursor.
    mutating func killToStart() {
        characters.removeSubrange(..<cursor)
        cursor = 0
    }

    /// Ctrl-W: deletes the word before the cursor (and the spaces between it and the cursor).
    mutating func deleteWordBackward() {
        var start = cursor
        while start > 0 && characters[start - 1] == " " { start -= 1 }
        while start > 0 && characters[start - 1] != " " { start -= 1 }
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    /// The name being typed before the cursor: identifier characters, dots and colons (`emr.add_sp`, `rm:ki`).
    var wordBeforeCursor: String {
        var start = cursor
        while start > 0, Self.isNameCharacter(characters[start - 1]) { start -= 1 }
        return String(characters[start..<cursor])
    }

    /// Replaces the name before the cursor (``wordBeforeCursor``) with `replacement`.
    mutating func replaceWordBeforeCursor(with replacement: String) {
        let length = wordBeforeCursor.count
        characters.removeSubrange((cursor - length)..<cursor)
        cursor -= length
        insert(replacement)
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character == "_" || character == "." || character == ":" || (character.isASCII && (character.isLetter || character.isNumber))
    }
}
