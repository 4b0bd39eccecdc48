import SparkDeployCore

/// Why a checkpoint, marker or snapshot operation failed: its kind and a message naming the location, the
/// operation and (for remote stores) the endpoint. Outside text is quoted redacted and capped.
public struct CheckpointError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure it is; recipes see it as the error's `code` (`checkpoint.<kind>`).
    public enum Kind: String, Sendable, CaseIterable {
        /// The location is not an `s3://`, `hdfs://` or `file:///` URI.
        case invalidURI
        /// The store could not be reached (connection refused, time-out, every NameNode standby, 5xx).
        case unreachable
        /// The store refused the caller (403 AccessDenied, a WebHDFS AccessControlException).
        case forbidden
        /// A file of the checkpoint is not what Spark writes (a garbled offsets file, truncated metadata).
        case garbled
        /// Something that must exist does not (a snapshot to restore).
        case notFound
        /// Anything else the store answered (an unexpected status or body, a local I/O error).
        case failed
    }

    /// What kind of failure it is.
    public var kind: Kind
    /// The message: location, operation and cause.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    public var description: String { message }

    /// `text` made safe to quote in a message: redacted, control characters escaped, capped.
    public static func quoted(_ text: String) -> String { OutsideText.quoted(text, limit: 300) }
}
