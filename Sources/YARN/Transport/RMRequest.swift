/// One logical RM call, before it is bound to an endpoint.
struct RMRequest: Sendable {
    /// The operation name for errors and logs (`"apps"`, `"kill"`).
    var operation: String
    /// `GET`, `PUT`, `POST`.
    var method: String
    /// The RM path (`/ws/v1/cluster/apps`).
    var path: String
    /// Query parameters (auth parameters are added later).
    var query: [(name: String, value: String)] = []
    /// JSON body bytes.
    var body: [UInt8] = []
    /// Whether transport failures, 5xx and 429 may be retried by re-sending.
    var retriable: Bool
    /// Statuses that count as success (others become ``YARNError``s).
    var accepted: Set<Int> = [200]
    /// The application concerned, for error context.
    var applicationId: String?
}
