import Foundation

/// A small line editor for the REPL (no system library): moving with Left/Right, Home/End, Ctrl-A/Ctrl-E;
/// deleting with Backspace/Delete, Ctrl-U/Ctrl-K/Ctrl-W; Up/Down (Ctrl-P/Ctrl-N) through ``LineHistory``;
/// Tab completes the name before the cursor (several matches are listed); Ctrl-C drops the line;
/// Ctrl-D on an empty line ends the input. One row: a line wider than the terminal scrolls sideways.
final class LineEditor {
    /// What a read ended with.
    enum Outcome: Equatable {
        /// Enter: the line.
        case line(String)
        /// Ctrl-C: the line was dropped.
        case interrupted
        /// Ctrl-D on an empty line, or the terminal closed.
        case endOfInput
    }

    private let terminal: RawTerminal
    /// The lines entered; Up and Down walk it.
    let history: LineHistory
    private let complete: (String) -> [String]

    /// An editor on `terminal`; `complete` returns the full replacements for the name before the cursor.
    init(terminal: RawTerminal, history: LineHistory, complete: @escaping (String) -> [String]) {
        self.terminal = terminal
        self.history = history
        self.complete = complete
    }

    /// Shows `prompt` and reads one line, the terminal in raw mode. The terminal stays raw after it returns
    /// (so that no Ctrl-C typed in between is lost): call ``leaveRawMode()`` before running anything.
    func read(prompt: String) -> Outcome {
        guard terminal.enter() else { return .endOfInput }
        var buffer = EditBuffer()
        var position = history.lines.count  // == count: the line being typed (kept in `draft` while browsing)
        var draft = ""
        refresh(prompt, buffer)
        while true {
            guard let key = TerminalKey.read(terminal.readByte) else {
                terminal.write("\n")
                return .endOfInput
            }
            switch key {
            case .character(let character): buffer.insert(String(character))
            case .enter:
                buffer.moveEnd()
                refresh(prompt, buffer)
                terminal.write("\n")
                return .line(buffer.text)
            case .interrupt:
                terminal.write("^C\n")
                return .interrupted
            case .endOfInput:
                if buffer.text.isEmpty {
                    terminal.write("\n")
                    return .endOfInput
                }
                buffer.deleteForward()
            case .tab: completeWord(prompt, &buffer)
            case .backspace: buffer.deleteBackward()
            case .delete: buffer.deleteForward()
            case .left: buffer.moveLeft()
            case .right: buffer.moveRight()
            case .home: buffer.moveHome()
            case .end: buffer.moveEnd()
            case .killToEnd: buffer.killToEnd()
            case .killToStart: buffer.killToStart()
            case .deleteWord: buffer.deleteWordBackward()
            case .clearScreen: terminal.write("\u{1b}[H\u{1b}[2J")
            case .up, .down:
                let lines = history.lines
                let target = key == .up ? position - 1 : position + 1
                guard target >= 0 && target <= lines.count else { break }
                if position == lines.count { draft = buffer.text }
                position = target
                buffer.set(position == lines.count ? draft : lines[position])
            case .ignored: break
            }
            refresh(prompt, buffer)
        }
    }

    /// Puts the terminal back in the mode it had (echo, line buffering, Ctrl-C as SIGINT).
    func leaveRawMode() { terminal.restore() }

    /// Tab: one match replaces the name; several extend it to their common prefix, or are listed below.
    private func completeWord(_ prompt: String, _ buffer: inout EditBuffer) {
        let word = buffer.wordBeforeCursor
        guard !word.isEmpty else { return }
        let matches = complete(word)
        guard let first = matches.first else {
            terminal.write("\u{7}")
            return
        }
        if matches.count == 1 {
            buffer.replaceWordBeforeCursor(with: first)
            return
        }
        let common = matches.dropFirst().reduce(first) { prefix, match in String(prefix.commonPrefix(with: match)) }
        if common.count > word.count {
            buffer.replaceWordBeforeCursor(with: common)
            return
        }
        terminal.write("\n" + Self.columns(matches, width: terminal.columns) + "\n")
    }

    /// `items` in columns that fit `width`.
    static func columns(_ items: [String], width: Int) -> String {
        let cell = (items.map(\.count).max() ?? 0) + 2
        let perRow = max(1, width / max(1, cell))
        var rows: [String] = []
        var start = 0
        while start < items.count {
            let row = items[start..<min(items.count, start + perRow)]
            rows.append(
                row.map { $0.padding(toLength: cell, withPad: " ", startingAt: 0) }.joined()
                    .trimmingCharacters(in: .whitespaces))
            start += perRow
        }
        return rows.joined(separator: "\n")
    }

    /// Redraws the prompt and the part of the line around the cursor, and puts the cursor in place.
    private func refresh(_ prompt: String, _ buffer: EditBuffer) {
        let available = max(1, terminal.columns - prompt.count - 1)
        let first = max(0, buffer.cursor - available + 1)
        let last = min(buffer.characters.count, first + available)
        let visible = String(buffer.characters[first..<last])
        let column = prompt.count + buffer.cursor - first
        terminal.write("\r" + prompt + visible + "\u{1b}[0K\r" + (column > 0 ? "\u{1b}[\(column)C" : ""))
    }
}
