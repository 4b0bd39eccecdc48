/// Reads what spark-submit printed: the application id the run got.
///
/// - YARN (any deploy mode): the YARN client's `INFO Client: Submitted application application_1733…_0001`.
/// - Local mode: Spark 4 names the `local-<millis>` id only in the event-log line the driver prints when it
///   writes an event log (`spark.eventLog.enabled=true`, the usual edge-node setting for the history server):
///   `INFO RollingEventLogFilesWriter: Logging events to file:/…/eventlog_v2_local-1796452792050/…` (or
///   `SingleEventLogFileWriter: Logging events to file:/…/local-1796452792050.inprogress`).
/// - Standalone: `Connected to Spark cluster with app ID app-20241205063952-0000`.
public enum SparkSubmitOutput {
    /// The application id in one output line, or `nil`.
    public static func applicationID(inLine line: Substring) -> String? {
        if line.contains("Submitted application application_") {
            return firstID(in: line, prefix: "application_", shape: { $0.isASCII && ($0.isNumber || $0 == "_") })
        }
        if line.contains("Logging events to") {
            return firstID(in: line, prefix: "local-", shape: { $0.isASCII && $0.isNumber })
        }
        if line.contains("Connected to Spark cluster with app ID app-") {
            return firstID(in: line, prefix: "app-", shape: { $0.isASCII && ($0.isNumber || $0 == "-") })
        }
        return nil
    }

    /// The first application id in `text` (line by line), or `nil`.
    public static func applicationID(in text: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline) {
            if let id = applicationID(inLine: line) { return id }
        }
        return nil
    }

    /// `prefix` followed by at least one character of `shape` (digits; `_` or `-` inside), trailing separators trimmed.
    private static func firstID(in line: Substring, prefix: String, shape: (Character) -> Bool) -> String? {
        var rest = line[...]
        while let found = rest.firstRange(of: prefix) {
            let body = rest[found.upperBound...].prefix(while: shape)
            let trimmed = body.reversed().drop { !$0.isNumber }.reversed()
            if let first = trimmed.first, first.isNumber { return prefix + String(trimmed) }
            rest = rest[found.upperBound...]
        }
        return nil
    }
}
