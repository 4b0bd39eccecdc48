import HTTPTransport
import Logging
import S3
import SparkDeployCore

/// Picks the store for a location's scheme: the S3 client for `s3://`, a WebHDFS client for `hdfs://`
/// (the configured NameNode URLs, else `http://<host of the URI>:9870`), local files for `file://`.
/// Clients are made on first use, so a run that never touches S3 never resolves AWS settings.
public struct CheckpointStores: Sendable {
    /// How to get the S3 client (built from the run's AWS settings).
    public let makeS3: @Sendable () throws -> S3Client
    /// WebHDFS base URLs (HA: several, tried in order); empty: `http://<host>:9870` of each `hdfs://` URI.
    public let webhdfsURLs: [String]
    /// The WebHDFS `user.name`, or `nil`.
    public let webhdfsUser: String?
    /// The clock WebHDFS retries sleep on.
    public let clock: any DeployClock
    /// Where requests log.
    public let logger: Logger

    /// Creates the chooser.
    public init(
        makeS3: @escaping @Sendable () throws -> S3Client, webhdfsURLs: [String], webhdfsUser: String?,
        clock: any DeployClock = SystemClock(), logger: Logger = Logger(label: "checkpoint")
    ) {
        self.makeS3 = makeS3
        self.webhdfsURLs = webhdfsURLs
        self.webhdfsUser = webhdfsUser
        self.clock = clock
        self.logger = logger
    }

    /// The store for `location`'s scheme.
    /// - Throws: ``CheckpointError`` `unreachable` when the S3 or WebHDFS client cannot be configured.
    public func storage(for location: StorageURI) throws(CheckpointError) -> any CheckpointStorage {
        switch location.scheme {
        case .file:
            return LocalStorage()
        case .s3:
            do {
                return S3Storage(client: try makeS3(), logger: logger)
            } catch {
                throw CheckpointError(.unreachable, "\(location): cannot configure the S3 client: \(error)")
            }
        case .hdfs:
            let urls = webhdfsURLs.isEmpty ? ["http://\(location.host):9870"] : webhdfsURLs
            do {
                let transport = try HTTPTransport()
                return WebHDFSStorage(
                    client: try WebHDFSClient(baseURLs: urls, user: webhdfsUser, transport: transport, clock: clock, logger: logger))
            } catch let error as WebHDFSError {
                throw CheckpointError(.unreachable, "\(location): \(error)")
            } catch {
                throw CheckpointError(.unreachable, "\(location): cannot create the HTTP transport: \(error)")
            }
        }
    }
}
