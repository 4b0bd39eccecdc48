/// How run output is written.
public enum LogFormat: String, Sendable, CaseIterable {
    /// Human text for a terminal: colours and a live status line while waiting.
    case text
    /// Plain lines without colour or cursor tricks (CI logs); the default off a TTY.
    case plain
    /// One JSON object per line, for machines.
    case json
}

/// Where and how a run logs.
public struct LogConfiguration: Sendable {
    /// Output format.
    public var format: LogFormat
    /// Least severe level shown (`-v`: debug, `-vv`: trace, `-q`: warning).
    public var level: LogLevel
    /// Also append every line (plain or JSON, never coloured) to this file.
    public var filePath: String?
    /// Emit `::group::`/`::endgroup::` around stages (GitHub Actions).
    public var githubGroups: Bool

    /// Creates a configuration.
    public init(format: LogFormat = .plain, level: LogLevel = .info, filePath: String? = nil, githubGroups: Bool = false) {
        self.format = format
        self.level = level
        self.filePath = filePath
        self.githubGroups = githubGroups
    }
}

/// Severity, ordered.
public enum LogLevel: Int, Sendable, Comparable, CaseIterable {
    /// Every request and poll.
    case trace
    /// Internal decisions (poll counts, retries).
    case debug
    /// What the run is doing.
    case info
    /// Something to look at.
    case warning
    /// A failure.
    case error

    /// Orders by severity.
    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The name as written in logs.
    public var name: String {
        switch self {
        case .trace: return "trace"
        case .debug: return "debug"
        case .info: return "info"
        case .warning: return "warn"
        case .error: return "error"
        }
    }

    /// Parses `debug`, `info`, `warn`/`warning`, `error`, `trace`.
    public init?(name: String) {
        switch name.lowercased() {
        case "trace": self = .trace
        case "debug": self = .debug
        case "info": self = .info
        case "warn", "warning": self = .warning
        case "error": self = .error
        default: return nil
        }
    }
}
