/// One request to Livy as the operations describe it.
struct LivyRequest: Sendable {
    /// The operation, for errors and logs (`"batch"`).
    var operation: String
    /// `GET`, `POST` or `DELETE`.
    var method: String
    /// The path below the base URL (`/batches/3`).
    var path: String
    /// Query parameters.
    var query: [(name: String, value: String)] = []
    /// The JSON body.
    var body: [UInt8] = []
    /// Whether the request may be re-sent after a 5xx or a lost connection (reads, deletes).
    var retriable: Bool = true
    /// The batch concerned, for errors.
    var batchId: Int?
}
