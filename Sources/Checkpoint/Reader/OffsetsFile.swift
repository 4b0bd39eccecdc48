import Foundation

/// One `offsets/<N>` file as Spark writes it: a version line (`v1`), the batch metadata JSON
/// (`{"batchWatermarkMs":0,"batchTimestampMs":…,"conf":{…}}`), then one line per source: that source's
/// offset as JSON, or `-` when it had none.
public struct OffsetsFile: Sendable, Equatable {
    /// The format version (`1` for `v1`).
    public var version: Int
    /// `batchTimestampMs`: when the batch was planned, in milliseconds since the epoch.
    public var batchTimestampMs: Int64
    /// `batchWatermarkMs`.
    public var batchWatermarkMs: Int64
    /// The source lines, as written (`{"logOffset":41}`, `-`).
    public var sources: [String]

    /// Creates a value.
    public init(version: Int, batchTimestampMs: Int64, batchWatermarkMs: Int64, sources: [String]) {
        self.version = version
        self.batchTimestampMs = batchTimestampMs
        self.batchWatermarkMs = batchWatermarkMs
        self.sources = sources
    }

    /// Parses the bytes of the offsets file at `location`; an error names the file and what is wrong.
    /// - Throws: ``CheckpointError`` `garbled`.
    public static func parse(_ bytes: [UInt8], location: StorageURI) throws(CheckpointError) -> OffsetsFile {
        func garbled(_ problem: String) -> CheckpointError {
            CheckpointError(.garbled, "offsets file \(location) is garbled: \(problem)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw garbled("not UTF-8 text") }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        let version = try VersionLine.parse(lines.first ?? "", location: location, what: "offsets file")
        guard lines.count >= 2, !lines[1].isEmpty else { throw garbled("no batch metadata line after the version line") }
        let metadata: [String: Any]
        do {
            guard let object = try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any] else {
                throw garbled("line 2 (batch metadata) is not a JSON object")
            }
            metadata = object
        } catch let error as CheckpointError {
            throw error
        } catch {
            throw garbled("line 2 (batch metadata) is not JSON: '\(CheckpointError.quoted(String(lines[1].prefix(80))))'")
        }
        guard let timestamp = (metadata["batchTimestampMs"] as? NSNumber)?.int64Value else {
            throw garbled("line 2 (batch metadata) has no numeric batchTimestampMs")
        }
        let watermark = (metadata["batchWatermarkMs"] as? NSNumber)?.int64Value ?? 0
        var sources = Array(lines.dropFirst(2))
        while sources.last == "" { sources.removeLast() }
        for (index, line) in sources.enumerated() where line != "-" {
            guard (try? JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed])) != nil else {
                throw garbled(
                    "line \(index + 3) (source \(index)) is neither JSON nor '-': '\(CheckpointError.quoted(String(line.prefix(80))))'")
            }
        }
        return OffsetsFile(version: version, batchTimestampMs: timestamp, batchWatermarkMs: watermark, sources: sources)
    }
}

/// The `v<N>` first line of Spark's metadata-log files (`offsets/N`, `commits/N`).
enum VersionLine {
    /// The version number of `line`; an error names the file when it is not `v<positive integer>`.
    static func parse(_ line: String, location: StorageURI, what: String) throws(CheckpointError) -> Int {
        guard line.first == "v", let version = Int(line.dropFirst()), version > 0 else {
            throw CheckpointError(
                .garbled,
                "\(what) \(location) is garbled: line 1 is '\(CheckpointError.quoted(String(line.prefix(40))))', not a version like v1")
        }
        return version
    }
}
