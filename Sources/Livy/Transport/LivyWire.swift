/// Livy's JSON shapes as they come over the wire.
enum LivyWire {
    /// `BatchSessionView`.
    struct Batch: Decodable {
        var id: Int
        var name: String?
        var owner: String?
        var proxyUser: String?
        var state: String
        var appId: String?
        var appInfo: [String: String?]?
        var log: [String]?

        var model: LivyBatch {
            LivyBatch(
                id: id, name: name, owner: owner, proxyUser: proxyUser, state: LivyBatchState(rawValue: state), appId: appId,
                driverLogURL: appInfo?["driverLogUrl"] ?? nil, sparkUIURL: appInfo?["sparkUiUrl"] ?? nil, log: log ?? [])
        }
    }

    /// `GET /batches`.
    struct Page: Decodable {
        var from: Int
        var total: Int
        var sessions: [Batch]
    }

    /// `GET /batches/{id}/state`.
    struct State: Decodable {
        var id: Int
        var state: String
    }

    /// `GET /batches/{id}/log`.
    struct Log: Decodable {
        var id: Int
        var from: Int
        var total: Int
        var log: [String]?
    }
}
