import Foundation
import Logging
import SparkDeployCore
import Synchronization

/// The single sink every line of a run goes through: redaction happens here, so no call
/// site — recipe `log.*`, a client's swift-log logger, an error message — can leak a secret; and so
/// does the escaping of control characters (``OutsideText/escapingControls(_:keepingLineBreaks:)``),
/// so that text from outside cannot send escape sequences to a terminal or forge CI log lines.
public final class RunLog: Sendable {
    /// The configuration.
    public let configuration: LogConfiguration
    private let redactor: Redactor
    private let clock: any DeployClock
    private let state = Mutex(State())
    private let sink: @Sendable (String) -> Void
    private let file: FileHandle?
    /// The fan-out target this log speaks for (``scoped(label:)``); nil for a single run.
    public let label: String?

    private struct State {
        var statusLineShown = false
    }

    /// Creates a log writing to `sink` (stderr by default).
    public init(
        configuration: LogConfiguration, redactor: Redactor = .shared, clock: any DeployClock = SystemClock(),
        sink: (@Sendable (String) -> Void)? = nil
    ) {
        self.configuration = configuration
        self.redactor = redactor
        self.clock = clock
        self.sink = sink ?? { text in FileHandle.standardError.write(text: text) }
        if let path = configuration.filePath {
            if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
            self.file = FileHandle(forWritingAtPath: path)
            _ = try? self.file?.seekToEnd()
        } else {
            self.file = nil
        }
        self.label = nil
    }

    private init(parent: RunLog, label: String) {
        var configuration = parent.configuration
        configuration.githubGroups = false  // groups of concurrent runs would interleave
        self.configuration = configuration
        self.redactor = parent.redactor
        self.clock = parent.clock
        self.sink = parent.sink
        self.file = parent.file
        self.label = label
    }

    /// A log for one target of a fan-out: the same sink, file and redaction, every line tagged
    /// with `label` (a `[label]` prefix in text and plain, a `target` field in JSON), no live
    /// status line and no GitHub groups (concurrent runs would garble both).
    public func scoped(label: String) -> RunLog { RunLog(parent: self, label: label) }

    /// Whether lines at `level` are shown.
    public func isEnabled(_ level: LogLevel) -> Bool { level >= configuration.level }

    /// Logs one event: a short message and structured fields (data goes in fields, not the message).
    ///
    /// `typed` holds, for fields whose value is not a string, its JSON text (`42`, `true`, `["a"]`): JSON
    /// logs write those as JSON values, text logs use `fields`.
    public func log(
        _ level: LogLevel, _ message: String, fields: [String: String] = [:], typed: [String: String] = [:],
        source: String = "recipe"
    ) {
        guard isEnabled(level) else { return }
        var message = clean(message)
        var cleanFields: [String: String] = [:]
        for (key, value) in fields {
            cleanFields[clean(key)] = Redactor.isSecretName(key) ? Redactor.mask : clean(value)
        }
        var jsonValues: [String: Any] = [:]
        if configuration.format == .json {
            for (key, text) in typed where !Redactor.isSecretName(key) {
                // Redacted as text first: a secret inside a JSON string is masked like anywhere else.
                if let value = try? JSONSerialization.jsonObject(with: Data(redactor.redact(text).utf8), options: .fragmentsAllowed) {
                    jsonValues[clean(key)] = value
                }
            }
        }
        if let label {
            if configuration.format == .json { cleanFields["target"] = clean(label) } else { message = "[\(clean(label))] " + message }
        }
        let time = clock.now()
        let plain = Self.plainLine(time: time, level: level, message: message, fields: cleanFields)
        let line: String
        switch configuration.format {
        case .json:
            line = Self.jsonLine(time: time, level: level, message: message, fields: cleanFields, typed: jsonValues, source: source)
        case .plain: line = plain
        case .text: line = Self.textLine(level: level, message: message, fields: cleanFields)
        }
        emit(line, fileLine: configuration.format == .json ? line : plain)
    }

    /// Writes a raw, already-formatted line (summaries, group markers), redacted and escaped.
    public func write(_ text: String) {
        var clean = clean(text)
        if let label, configuration.format != .json {
            let prefix = "[\(self.clean(label))] "
            clean = clean.split(separator: "\n", omittingEmptySubsequences: false).map { prefix + $0 }.joined(separator: "\n")
        }
        emit(clean, fileLine: clean)
    }

    /// Shows (TTY text format) or logs at debug (otherwise) a transient status, e.g. a waiter's progress.
    public func status(_ text: String) {
        let clean = clean(text)
        if configuration.format == .text && label == nil {
            state.withLock { $0.statusLineShown = true }
            sink("\r\u{1B}[2K\u{1B}[2m… \(clean)\u{1B}[0m")
        }
    }

    /// Clears the live status line, if shown.
    public func clearStatus() {
        let shown = state.withLock { s -> Bool in
            defer { s.statusLineShown = false }
            return s.statusLineShown
        }
        if shown { sink("\r\u{1B}[2K") }
    }

    /// `text` redacted, with its control characters escaped (line feeds and tabs kept: the log's own).
    private func clean(_ text: String) -> String {
        OutsideText.escapingControls(redactor.redact(text))
    }

    private func emit(_ line: String, fileLine: String) {
        clearStatus()
        sink(line + "\n")
        if let file { file.write(text: fileLine + "\n") }
    }

    static func timestamp(_ time: Double) -> String {
        UTCDateTime(epochSeconds: time).iso8601Milliseconds
    }

    static func formatFields(_ fields: [String: String]) -> String {
        // Appended by hand: Foundation's replacingOccurrences and a first `joined` each cost a scan of the
        // binary's conformance records, on the first log line of every run.
        var line = ""
        for key in fields.keys.sorted() {
            let value = fields[key] ?? ""
            if !line.isEmpty { line.append(" ") }
            line.append(key)
            line.append("=")
            guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) else {
                line.append(value)
                continue
            }
            line.append("\"")
            for character in value {
                if character == "\"" { line.append("\\") }
                line.append(character)
            }
            line.append("\"")
        }
        return line
    }

    /// A level's name padded to five columns (`INFO `, `WARN `), without Foundation's `padding(toLength:)`.
    static func column(_ name: String) -> String {
        name.count >= 5 ? String(name.prefix(5)) : name + String(repeating: " ", count: 5 - name.count)
    }

    static func plainLine(time: Double, level: LogLevel, message: String, fields: [String: String]) -> String {
        let tail = fields.isEmpty ? "" : " " + formatFields(fields)
        return "\(timestamp(time)) \(column(level.name.uppercased())) \(message)\(tail)"
    }

    static func textLine(level: LogLevel, message: String, fields: [String: String]) -> String {
        let colour: String
        switch level {
        case .trace, .debug: colour = "\u{1B}[2m"
        case .info: colour = "\u{1B}[36m"
        case .warning: colour = "\u{1B}[33m"
        case .error: colour = "\u{1B}[31m"
        }
        let tail = fields.isEmpty ? "" : " \u{1B}[2m" + formatFields(fields) + "\u{1B}[0m"
        return "\(colour)\(column(level.name))\u{1B}[0m \(message)\(tail)"
    }

    static func jsonLine(
        time: Double, level: LogLevel, message: String, fields: [String: String], typed: [String: Any] = [:], source: String
    ) -> String {
        var object: [String: Any] = ["time": timestamp(time), "level": level.name, "msg": message, "source": source]
        var all: [String: Any] = fields
        for (key, value) in typed { all[key] = value }
        if !all.isEmpty { object["fields"] = all }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return "{\"level\":\"error\",\"msg\":\"unencodable log line\"}"
        }
        return String(decoding: data, as: UTF8.self)
    }
}
