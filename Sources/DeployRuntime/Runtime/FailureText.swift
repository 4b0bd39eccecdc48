import Foundation
import LuaHost

/// How a run's failure reads to the person who ran it: one message, located in the recipe they
/// ran, free of the nested `lib/deploy.lua:115:` prefixes and of runtime internals (`prelude:28`,
/// `sandbox:27`) that rethrowing through `stage`, `pcall` and `fail` piles up.
public enum FailureText {
    /// The longest a stage's error is shown in a stage line (the summary's `FAIL` line, the
    /// `stage failed` log line); the whole message is printed once, above the summary.
    public static let shortLimit = 120

    /// `message` without any `file.lua:12: `, `prelude:28: ` or `sandbox:27: ` location prefix,
    /// wherever the nesting of errors put one.
    public static func clean(_ message: String) -> String {
        message.replacingOccurrences(of: locationPattern, with: "", options: .regularExpression)
    }

    /// A one-line short form of `message` for stage lines: cleaned, its first line, at most
    /// ``shortLimit`` characters.
    public static func short(_ message: String) -> String {
        let line = clean(message).split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
        guard line.count > shortLimit else { return line }
        return String(line.prefix(shortLimit - 1)) + "…"
    }

    /// Where in `recipeFile` (the chunk the user ran: a recipe's display path, an `exec` script)
    /// the failure happened: the message's own location when it is in that file, else the
    /// innermost frame of that file in `raisedAt` (the traceback where the error was first
    /// raised, when a stage kept it) or in the error's own traceback, else the message's
    /// location (a library's), else nil. As `file:line`.
    public static func location(of error: LuaError, recipeFile: String, raisedAt: String? = nil) -> String? {
        if let own = error.location, sameFile(own.file, recipeFile) { return "\(recipeFile):\(own.line)" }
        for traceback in [raisedAt, error.traceback].compactMap({ $0 }) {
            if let frame = frames(traceback).first(where: { sameFile($0.file, recipeFile) }) { return "\(recipeFile):\(frame.line)" }
        }
        guard let own = error.location, !internalSources.contains(own.file) else { return nil }
        return "\(own.file):\(own.line)"
    }

    /// The message as the run's error: `where: message`, cleaned.
    public static func message(of error: LuaError, recipeFile: String, raisedAt: String? = nil) -> String {
        let text = clean(error.message)
        return location(of: error, recipeFile: recipeFile, raisedAt: raisedAt).map { "\($0): \(text)" } ?? text
    }

    /// Sources of the runtime's own Lua, never the user's.
    static let internalSources: Set<String> = ["prelude", "sandbox", "[C]"]

    /// A location prefix: `recipes/lib/deploy.lua:115: `, `...recipes/x.lua:3: `, `prelude:28: `,
    /// `[string "x"]:1: `.
    static let locationPattern = #"(\.\.\.)?[^\s:;()'"\[\]]*(\.lua|prelude|sandbox):\d+: |\[string "[^"\n]*"\]:\d+: "#

    /// The `file:line:` frames of a Lua traceback, innermost first.
    static func frames(_ traceback: String) -> [(file: String, line: Int)] {
        // The frames follow the `stack traceback:` line (the message before it is not a frame).
        let body = traceback.range(of: "stack traceback:").map { traceback[$0.upperBound...] } ?? traceback[...]
        return body.split(separator: "\n").compactMap { raw in
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard let range = line.range(of: #"^.+?:\d+: "#, options: .regularExpression) else { return nil }
            let head = line[range].dropLast(2)
            guard let colon = head.lastIndex(of: ":"), let number = Int(head[head.index(after: colon)...]) else { return nil }
            return (String(head[..<colon]), number)
        }
    }

    /// Whether `shown` (as Lua shows a chunk name: possibly cut to `...tail`) is `file`.
    static func sameFile(_ shown: String, _ file: String) -> Bool {
        if shown == file { return true }
        if shown.hasPrefix("...") { return file.hasSuffix(String(shown.dropFirst(3))) }
        return false
    }
}

extension LuaError {
    /// Whether the error is a deliberate `fail("…")` of the recipe (no traceback is shown for it).
    public var isDeliberate: Bool { fields?["deliberate"] == .boolean(true) }

    /// Whether the error is a deliberate `fail("…", { usage = true })`: the recipe refused to start on these
    /// params before touching anything (exit 2, like a params error).
    public var isRefusal: Bool { isDeliberate && fields?["usage"] == .boolean(true) }
}
