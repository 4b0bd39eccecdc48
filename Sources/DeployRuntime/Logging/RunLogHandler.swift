import Logging

/// A swift-log handler that sends client libraries' log events (YARN, EMR, AWS core) to the
/// run's ``RunLog``, where they are redacted and formatted like every other line.
public struct RunLogHandler: LogHandler {
    /// The sink.
    public let log: RunLog
    /// The component name (`yarn`, `emr`, `aws`).
    public let label: String
    /// swift-log metadata attached to every event.
    public var metadata: Logger.Metadata = [:]
    /// swift-log level, derived from the run's.
    public var logLevel: Logger.Level

    /// Creates a handler for `label`.
    public init(label: String, log: RunLog) {
        self.label = label
        self.log = log
        switch log.configuration.level {
        case .trace: logLevel = .trace
        case .debug: logLevel = .debug
        case .info: logLevel = .info
        case .warning: logLevel = .warning
        case .error: logLevel = .error
        }
    }

    /// Metadata by key.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Forwards one event.
    public func log(event: LogEvent) {
        let level: LogLevel
        switch event.level {
        case .trace: level = .trace
        case .debug: level = .debug
        case .info, .notice: level = .info
        case .warning: level = .warning
        case .error, .critical: level = .error
        }
        var fields: [String: String] = [:]
        for (key, value) in metadata { fields[key] = "\(value)" }
        for (key, value) in event.metadata ?? [:] { fields[key] = "\(value)" }
        log.log(level, event.message.description, fields: fields, source: label)
    }

    /// A `Logger` for `label` writing to `log`.
    public static func logger(_ label: String, log: RunLog) -> Logger {
        Logger(label: label) { name in RunLogHandler(label: name, log: log) }
    }
}
