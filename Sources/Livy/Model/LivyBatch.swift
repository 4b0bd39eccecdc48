/// A Livy batch session as `GET /batches/{id}` describes it.
public struct LivyBatch: Sendable, Equatable {
    /// The batch id.
    public var id: Int
    /// The batch name (also its YARN application's name), if it was given one.
    public var name: String?
    /// The authenticated user that created it, if the server authenticates.
    public var owner: String?
    /// The user the app runs as, if impersonated.
    public var proxyUser: String?
    /// The state.
    public var state: LivyBatchState
    /// The YARN application id, once Livy found the app (nil while `starting`).
    public var appId: String?
    /// The driver's log URL (YARN NodeManager), once running.
    public var driverLogURL: String?
    /// The Spark UI URL (through the RM's proxy), once running.
    public var sparkUIURL: String?
    /// The last lines of the batch's log.
    public var log: [String]

    /// Creates a batch value.
    public init(
        id: Int, name: String? = nil, owner: String? = nil, proxyUser: String? = nil, state: LivyBatchState,
        appId: String? = nil, driverLogURL: String? = nil, sparkUIURL: String? = nil, log: [String] = []
    ) {
        self.id = id
        self.name = name
        self.owner = owner
        self.proxyUser = proxyUser
        self.state = state
        self.appId = appId
        self.driverLogURL = driverLogURL
        self.sparkUIURL = sparkUIURL
        self.log = log
    }
}

/// One page of `GET /batches`.
public struct LivyBatchPage: Sendable, Equatable {
    /// The index of the first batch on the page.
    public var from: Int
    /// How many batches the server knows in all.
    public var total: Int
    /// The batches on this page.
    public var batches: [LivyBatch]

    /// Creates a page.
    public init(from: Int, total: Int, batches: [LivyBatch]) {
        self.from = from
        self.total = total
        self.batches = batches
    }
}

/// Lines of a batch's log (`GET /batches/{id}/log`).
public struct LivyLog: Sendable, Equatable {
    /// The batch id.
    public var batchId: Int
    /// The index of the first line returned.
    public var from: Int
    /// How many lines the log has in all.
    public var total: Int
    /// The lines.
    public var lines: [String]

    /// Creates a log excerpt.
    public init(batchId: Int, from: Int, total: Int, lines: [String]) {
        self.batchId = batchId
        self.from = from
        self.total = total
        self.lines = lines
    }
}
