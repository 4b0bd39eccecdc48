import Foundation
import SparkDeployCore

/// `--summary-file PATH`: the run summary written to a file for CI, as Markdown (`.md`, `.markdown`) or
/// JSON (`.json`) by the path's extension — the same outcome the log's summary renders
/// (``RunSummary/markdown(_:target:)``, ``RunSummary/json(_:target:)``), passed through the redactor.
public struct SummaryFile: Sendable, Equatable {
    /// What the file holds.
    public enum Format: Sendable, Equatable {
        /// A Markdown job summary.
        case markdown
        /// One JSON object (the JSON summary record).
        case json
    }

    /// Where the summary goes.
    public let path: String
    /// How it is written, from the extension.
    public let format: Format

    /// A summary file at `path`, or nil when its extension is neither `.md`/`.markdown` nor `.json`.
    public init?(path: String) {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "md", "markdown": format = .markdown
        case "json": format = .json
        default: return nil
        }
        self.path = path
    }

    /// Why `path` cannot be a summary file (a usage error), or nil.
    public static func problem(path: String) -> String? {
        SummaryFile(path: path) == nil ? "--summary-file \(path): the name must end in .md or .json (the format)" : nil
    }

    /// Writes one run's summary.
    public func write(_ outcome: RunOutcome) throws(SummaryFileError) {
        try write(format == .markdown ? RunSummary.markdown(outcome) : RunSummary.json(outcome) + "\n")
    }

    /// Writes a fan-out's summary (one row per target).
    public func write(_ outcome: FanOutOutcome) throws(SummaryFileError) {
        try write(format == .markdown ? FanOutSummary.markdown(outcome) : FanOutSummary.json(outcome) + "\n")
    }

    private func write(_ text: String) throws(SummaryFileError) {
        let data = Data(Redactor.shared.redact(text).utf8)
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw SummaryFileError(path: path, reason: (error as NSError).localizedFailureReason ?? error.localizedDescription)
        }
    }
}

/// A summary file that could not be written.
public struct SummaryFileError: Error, CustomStringConvertible, Sendable {
    /// The file.
    public var path: String
    /// What went wrong.
    public var reason: String

    /// `summary file PATH: cannot be written (…)`.
    public var description: String { "--summary-file \(path): cannot be written (\(reason))" }
}
