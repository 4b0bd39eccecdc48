import Foundation

/// The terminal on a file descriptor in raw mode (no echo, no line buffering, no signal keys), for the
/// REPL's line editor; ``restore()`` puts back the mode it found, as must happen before any code runs.
final class RawTerminal {
    /// The terminal's descriptor (standard input).
    let descriptor: Int32
    private var original = termios()
    private(set) var isRaw = false

    /// A terminal on `descriptor`, or nil when it is not one (input from a pipe or a file).
    init?(descriptor: Int32 = STDIN_FILENO) {
        guard isatty(descriptor) == 1, tcgetattr(descriptor, &original) == 0 else { return nil }
        self.descriptor = descriptor
    }

    deinit { restore() }

    /// Enters raw mode: bytes arrive one by one, unechoed; Ctrl-C and Ctrl-Z arrive as bytes, not signals.
    /// Output processing stays on (`\n` still moves to the start of the next line).
    @discardableResult
    func enter() -> Bool {
        guard !isRaw else { return true }
        var raw = original
        raw.c_iflag &= ~tcflag_t(BRKINT | ICRNL | INPCK | ISTRIP | IXON)
        raw.c_cflag |= tcflag_t(CS8)
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        isRaw = tcsetattr(descriptor, TCSANOW, &raw) == 0
        return isRaw
    }

    /// Puts back the mode found at start-up.
    func restore() {
        guard isRaw else { return }
        var mode = original
        _ = tcsetattr(descriptor, TCSANOW, &mode)
        isRaw = false
    }

    /// The terminal's width in columns (80 when it does not say).
    var columns: Int {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    /// Reads one byte; nil at end of input or on an error other than an interrupted read.
    func readByte() -> UInt8? {
        var byte: UInt8 = 0
        while true {
            let count = read(descriptor, &byte, 1)
            if count == 1 { return byte }
            if count < 0 && errno == EINTR { continue }
            return nil
        }
    }

    /// Writes `text` to standard output at once.
    func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Foundation.write(STDOUT_FILENO, buffer.baseAddress?.advanced(by: offset), buffer.count - offset)
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }
}
