/// One `FileStatus` of a WebHDFS `LISTSTATUS` or `GETFILESTATUS` answer (the fields a checkpoint needs).
public struct WebHDFSFileStatus: Sendable, Equatable, Decodable {
    /// The name inside the listed directory (empty for `GETFILESTATUS`).
    public var pathSuffix: String
    /// `FILE`, `DIRECTORY` or `SYMLINK`.
    public var type: String
    /// The size in bytes.
    public var length: Int
    /// Milliseconds since the epoch.
    public var modificationTime: Int64?

    /// Whether it is a directory.
    public var isDirectory: Bool { type == "DIRECTORY" }

    /// Creates a status.
    public init(pathSuffix: String, type: String, length: Int, modificationTime: Int64? = nil) {
        self.pathSuffix = pathSuffix
        self.type = type
        self.length = length
        self.modificationTime = modificationTime
    }
}

/// `{"FileStatuses":{"FileStatus":[…]}}`.
struct WebHDFSListing: Decodable {
    struct Statuses: Decodable {
        var statuses: [WebHDFSFileStatus]
        enum CodingKeys: String, CodingKey { case statuses = "FileStatus" }
    }
    var fileStatuses: Statuses
    enum CodingKeys: String, CodingKey { case fileStatuses = "FileStatuses" }
}

/// `{"FileStatus":{…}}`.
struct WebHDFSSingleStatus: Decodable {
    var status: WebHDFSFileStatus
    enum CodingKeys: String, CodingKey { case status = "FileStatus" }
}

/// `{"boolean":true}`.
struct WebHDFSBoolean: Decodable {
    var boolean: Bool
}
