import Logging
import Synchronization

/// A swift-log handler that keeps every line (message and metadata, formatted) for assertions.
public final class LogCapture: Sendable {
    /// An empty capture.
    public init() {}

    private let storage = Mutex<[String]>([])

    /// Every line so far.
    public var lines: [String] { storage.withLock { $0 } }
    /// All lines, newline-separated.
    public var text: String { lines.joined(separator: "\n") }

    /// A logger at `level` writing into this capture.
    public func logger(level: Logger.Level = .trace) -> Logger {
        var logger = Logger(label: "capture") { _ in Handler(capture: self) }
        logger.logLevel = level
        return logger
    }

    /// Adds a line.
    public func append(_ line: String) { storage.withLock { $0.append(line) } }

    /// The handler behind ``logger(level:)``.
    public struct Handler: LogHandler {
        let capture: LogCapture
        public var metadata: Logger.Metadata = [:]
        public var logLevel: Logger.Level = .trace

        public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        public func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
            let rendered = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            capture.append("\(event.level) \(event.message) \(rendered)")
        }
    }
}
