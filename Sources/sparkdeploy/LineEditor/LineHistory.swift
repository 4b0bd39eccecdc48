import Foundation
import SparkDeployCore

/// The REPL's history: the lines entered, newest last, bounded, kept in a file between sessions.
///
/// Lines holding a secret (text the ``Redactor`` would mask: a registered secret value, a credential-shaped
/// string) are kept neither in memory nor in the file. The file is `$XDG_STATE_HOME/sparkdeploy/history` when
/// `XDG_STATE_HOME` is set, else `~/.sparkdeploy_history`, readable by its owner only.
final class LineHistory {
    /// How many lines are kept.
    static let limit = 1000

    /// The lines, oldest first.
    private(set) var lines: [String] = []
    /// Where the history is kept (nil: memory only).
    let file: URL?

    /// Loads the history from `file`.
    init(file: URL?) {
        self.file = file
        guard let file, let data = FileManager.default.contents(atPath: file.path) else { return }
        lines = Array(
            String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
                .map(String.init).filter { Self.mayKeep($0) }.suffix(Self.limit))
    }

    /// The history file for `environment`: `$XDG_STATE_HOME/sparkdeploy/history`, else `$HOME/.sparkdeploy_history`.
    static func defaultFile(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return URL(fileURLWithPath: state).appendingPathComponent("sparkdeploy/history")
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(".sparkdeploy_history")
    }

    /// Whether `line` may be remembered: not blank, and nothing in it the redactor would mask.
    static func mayKeep(_ line: String) -> Bool {
        !line.trimmingCharacters(in: .whitespaces).isEmpty && Redactor.shared.redact(line) == line
    }

    /// Remembers `line` (unless it holds a secret or repeats the previous line) and saves the file.
    func add(_ line: String) {
        guard Self.mayKeep(line), line != lines.last else { return }
        lines.append(line)
        if lines.count > Self.limit { lines.removeFirst(lines.count - Self.limit) }
        save()
    }

    /// Writes the history file (owner-only); a history that cannot be saved is only lost, never an error.
    private func save() {
        guard let file else { return }
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let text = lines.joined(separator: "\n") + "\n"
        let temporary = file.appendingPathExtension("tmp-\(getpid())")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else { return }
        if rename(temporary.path, file.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
    }
}
