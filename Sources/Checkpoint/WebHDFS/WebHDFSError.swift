import Foundation
import SparkDeployCore

/// A WebHDFS call that failed: the operation (`LISTSTATUS`), the URL called (redacted), the HTTP status and
/// the NameNode's `RemoteException` (`FileNotFoundException`, `StandbyException`, `AccessControlException`…).
public struct WebHDFSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure it is.
    public enum Kind: String, Sendable {
        /// The path does not exist (404, `FileNotFoundException`).
        case notFound
        /// The NameNode refused the user (403 `AccessControlException`, 401).
        case forbidden
        /// No NameNode answered as active (refused, timed out, standby, 5xx after retries).
        case unreachable
        /// An answer that is not what WebHDFS sends (bad JSON, a 307 without `Location`, an unexpected status).
        case badResponse
    }

    /// What kind of failure it is.
    public var kind: Kind
    /// The WebHDFS operation (`OPEN`, `CREATE`…).
    public var operation: String
    /// The URL called, redacted.
    public var url: String
    /// The HTTP status, when an answer came.
    public var status: Int?
    /// The `RemoteException`'s `exception` name, when the answer had one.
    public var exception: String?
    /// What went wrong (the `RemoteException`'s message, or a description of the problem), quoted.
    public var message: String

    /// Creates an error; `url` and `message` are quoted redacted and capped here.
    public init(kind: Kind, operation: String, url: String, status: Int? = nil, exception: String? = nil, message: String) {
        self.kind = kind
        self.operation = operation
        self.url = OutsideText.quoted(Redactor.maskingUserInfo(inURL: url), limit: 400)
        self.status = status
        self.exception = exception.map { OutsideText.quoted($0, limit: 120) }
        self.message = OutsideText.quoted(message, limit: 600)
    }

    /// `WebHDFS OPEN http://nn:9870/webhdfs/v1/cp/metadata?op=OPEN: HTTP 404 FileNotFoundException: File does not exist: /cp/metadata`.
    public var description: String {
        var text = "WebHDFS \(operation) \(url): "
        if let status { text += "HTTP \(status) " }
        if let exception { text += "\(exception): " }
        return text + message
    }
}

/// The `RemoteException` body a NameNode sends with an error status.
struct WebHDFSRemoteException: Decodable {
    struct Body: Decodable {
        var exception: String?
        var javaClassName: String?
        var message: String?
    }
    var remote: Body
    enum CodingKeys: String, CodingKey { case remote = "RemoteException" }

    /// The exception of `body`, or `nil` when it is not a `RemoteException` document.
    static func decode(_ body: [UInt8]) -> Body? {
        try? JSONDecoder().decode(WebHDFSRemoteException.self, from: Data(body)).remote
    }
}
