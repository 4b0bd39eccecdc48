/// The simulated Apache Livy server (its own listener, like a real Livy on port 8998), coupled to the YARN model.
public struct LivySettings: Sendable, Codable, Equatable {
    /// `livy.server.csrf_protection.enabled`: mutating requests (POST, DELETE) without an `X-Requested-By`
    /// header answer 400. Default `true`, stricter than Livy's own default, so that a client that forgets
    /// the header fails in the sandbox rather than against a hardened server.
    public var csrfProtection: Bool = true
    /// Users and passwords accepted with HTTP Basic (Livy's LDAP authentication); empty (default): no
    /// authentication, every batch is owned by nobody.
    public var users: [String: String] = [:]
    /// Virtual seconds between `POST /batches` and the batch's YARN application appearing (Livy's
    /// `spark-submit` starting up); the batch is `starting` with a null `appId` until then. Default 3.
    public var submitSeconds: Double = 3
    /// `livy.server.session.state-retain.sec`: a finished batch is forgotten this many virtual seconds
    /// after it ended (then `GET /batches/{id}` is 404). Default 600.
    public var stateRetainSeconds: Double = 600
    /// Batches already running when the simulator starts (a streaming job submitted through Livy earlier).
    public var batches: [LivyBatchSeed] = []

    /// Creates the default settings.
    public init() {}

    /// Decodes settings, taking defaults for missing keys.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = LivySettings()
        csrfProtection = try c.decodeIfPresent(Bool.self, forKey: .csrfProtection) ?? d.csrfProtection
        users = try c.decodeIfPresent([String: String].self, forKey: .users) ?? d.users
        submitSeconds = try c.decodeIfPresent(Double.self, forKey: .submitSeconds) ?? d.submitSeconds
        stateRetainSeconds = try c.decodeIfPresent(Double.self, forKey: .stateRetainSeconds) ?? d.stateRetainSeconds
        batches = try c.decodeIfPresent([LivyBatchSeed].self, forKey: .batches) ?? d.batches
    }
}

/// A Livy batch seeded RUNNING (with its YARN app) when the simulator starts.
public struct LivyBatchSeed: Sendable, Codable, Equatable {
    /// The batch name, which is also its YARN application's name.
    public var name: String
    /// The application jar (`file`).
    public var file: String
    /// The main class (`className`).
    public var className: String
    /// Extra YARN application tags (`spark.yarn.tags`).
    public var tags: [String]?
    /// Spark configuration (`conf`).
    public var conf: [String: String]?

    /// Creates a seed.
    public init(name: String, file: String, className: String, tags: [String]? = nil, conf: [String: String]? = nil) {
        self.name = name
        self.file = file
        self.className = className
        self.tags = tags
        self.conf = conf
    }
}
