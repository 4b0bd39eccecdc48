import SparkDeployCore

/// A request that got no complete HTTP response: it never connected, timed out, was cancelled…
///
/// HTTP error statuses are not transport errors: they come back as ``HTTPResponse`` for the
/// client (EMR, YARN) to interpret. The endpoint is stored redacted (no passwords, no tokens).
public struct TransportError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: String, Sendable {
        /// No connection could be made (refused, DNS, unreachable, reset before a request was sent).
        case connectionFailed
        /// Connection closed or reset after the request was (possibly) sent.
        case connectionLost
        /// The connect or request time limit passed.
        case timedOut
        /// TLS handshake or certificate failure.
        case tls
        /// The run was cancelled while the request was in flight.
        case cancelled
        /// The body exceeded ``TransportConfiguration/maxResponseBytes``.
        case responseTooLarge
        /// The URL could not be parsed.
        case invalidURL
        /// Anything else.
        case other
    }

    /// What went wrong.
    public var kind: Kind
    /// The request method.
    public var method: String
    /// The request URL, redacted.
    public var endpoint: String
    /// Details from the underlying library.
    public var detail: String
    /// The API operation the request was for (`ListClusters`), when the caller knows it.
    public var operation: String?
    /// The status of the response when its head arrived before the failure: the server answered (a 2xx
    /// means it accepted the request) and the body was lost. Nil when no response head arrived.
    public var responseStatus: Int?

    /// Creates an error; `endpoint` is redacted here, so no caller can leak a secret through it.
    public init(kind: Kind, method: String, endpoint: String, detail: String) {
        self.kind = kind
        self.method = method
        self.endpoint = OutsideText.quoted(Redactor.maskingUserInfo(inURL: endpoint))
        self.detail = OutsideText.quoted(detail, limit: 2 * OutsideText.quoteLimit)
    }

    /// Whether the server may have received and acted on the request (so a mutation must be
    /// checked before it is sent again). Only a failure to connect proves it did not.
    public var mayHaveReachedServer: Bool {
        switch kind {
        case .connectionFailed, .invalidURL, .tls: return false
        case .connectionLost, .timedOut, .cancelled, .responseTooLarge, .other: return true
        }
    }

    /// Whether retrying the same request may succeed (connection problems and time-outs).
    public var isTransient: Bool {
        switch kind {
        case .connectionFailed, .connectionLost, .timedOut: return true
        case .tls, .cancelled, .responseTooLarge, .invalidURL, .other: return false
        }
    }

    /// `"GET http://rm:8088/ws/v1/cluster/apps: timed out (…)"`, or with the operation:
    /// `"POST https://elasticmapreduce…/ (ListClusters): timed out (…)"`.
    public var description: String {
        let what: String
        switch kind {
        case .connectionFailed: what = "could not connect"
        case .connectionLost: what = "connection lost"
        case .timedOut: what = "timed out"
        case .tls: what = "TLS failure"
        case .cancelled: what = "cancelled"
        case .responseTooLarge: what = "response too large"
        case .invalidURL: what = "invalid URL"
        case .other: what = "failed"
        }
        return "\(method) \(endpoint)" + (operation.map { " (\($0))" } ?? "") + ": \(what)"
            + (responseStatus.map { " after the head of an HTTP \($0) response" } ?? "")
            + (detail.isEmpty ? "" : " (\(detail))")
    }
}
