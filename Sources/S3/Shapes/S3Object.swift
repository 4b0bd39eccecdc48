/// An object's content and version as GetObject returns it.
public struct S3Object: Sendable, Equatable {
    /// The bytes.
    public var body: [UInt8]
    /// The ETag, quotes included as S3 sends it (`"9b2cf535f27731c974343645a3985328"`); pass it back
    /// unchanged as `ifMatch`.
    public var etag: String
    /// `Last-Modified` as S3 sent it (an HTTP date), or `nil`.
    public var lastModified: String?
    /// The answer's `Date` header (S3's clock when it answered), or `nil`.
    public var serverDate: String?

    /// Creates a value.
    public init(body: [UInt8], etag: String, lastModified: String? = nil, serverDate: String? = nil) {
        self.body = body
        self.etag = etag
        self.lastModified = lastModified
        self.serverDate = serverDate
    }
}

/// An object's metadata as HeadObject (or one ListObjectsV2 entry) reports it.
public struct S3ObjectInfo: Sendable, Equatable {
    /// The key.
    public var key: String
    /// The ETag, quotes included.
    public var etag: String
    /// The size in bytes.
    public var size: Int
    /// `Last-Modified` as S3 sent it (HTTP date for HEAD, ISO 8601 in a listing), or `nil`.
    public var lastModified: String?

    /// Creates a value.
    public init(key: String, etag: String, size: Int, lastModified: String?) {
        self.key = key
        self.etag = etag
        self.size = size
        self.lastModified = lastModified
    }
}
