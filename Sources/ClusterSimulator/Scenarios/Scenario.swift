import Foundation

/// A simulated world, as data: versions, HA layout, auth, timings, seeded clusters and apps, and faults.
///
/// Load one a user wrote with ``load(path:)`` or a shipped one with ``named(_:)``. Every key is optional
/// in JSON; missing keys take the defaults shown on each property. See `docs/simulator.md` for an example.
public struct Scenario: Sendable, Codable, Equatable {
    /// Short name (the file name for shipped scenarios).
    public var name: String = "standard"
    /// What the scenario exercises.
    public var description: String = ""
    /// Hadoop version the RMs report; decides the empty-list shape (2.x `null`, 3.x `{}`), the `name`
    /// filter (≥ 3.3) and kill diagnostics (≥ 3.0). Default "3.3.6".
    public var hadoopVersion: String = "3.3.6"
    /// Number of ResourceManagers (HA when > 1). RM 0 starts active. Default 1.
    public var resourceManagers: Int = 1
    /// Who the RMs think you are, and what they allow.
    public var auth: AuthSettings = .init()
    /// Virtual-time delays of every lifecycle.
    public var delays: Delays = .init()
    /// `yarn.resourcemanager.max-completed-applications`: older completed apps are forgotten (404). Default 1000.
    public var maxCompletedApplications: Int = 1000
    /// Order of the apps list: "shuffled" (default), "reverse" or "submission".
    public var appOrder: String = "shuffled"
    /// Seconds a Spark app runs before finishing SUCCEEDED; `nil` (default) = streaming, RUNNING until killed.
    public var sparkAppRunSeconds: Double? = nil
    /// Virtual seconds one Structured Streaming micro-batch of a simulated Spark app takes: a healthy app
    /// completes one every this many seconds after it reached RUNNING (each attempt counts anew). Default 2.
    public var sparkBatchSeconds: Double = 2
    /// Queues the scheduler knows (a `queue` filter naming another one is a 400). Default ["default"].
    public var queues: [String] = ["default"]
    /// Clusters created at start, in WAITING.
    public var clusters: [ClusterSeed] = [ClusterSeed()]
    /// Bulk-generated apps on the YARN side (a "large cluster"); `nil` = none.
    public var bulkApps: BulkApps? = nil
    /// Faults active from the start.
    public var faults: [Fault] = []
    /// S3 buckets created (empty) at start. Default none.
    public var buckets: [String] = []
    /// Seconds EMR's clock (step and cluster timestamps, the `CreatedAfter`/`CreatedBefore` filters) runs
    /// ahead of the cluster's, which the RMs report; negative: behind. Default 0.
    public var emrClockAheadSeconds: Double = 0
    /// Where Spark jobs run: "emr" (default: EMR clusters, jobs are EMR steps) or "yarn" (a self-managed
    /// Hadoop YARN cluster without EMR: rehearsal seeds start their streaming app through Livy, no cluster).
    public var platform: String = "emr"
    /// The Livy server (always listening; see ``Simulator/livyEndpoint``).
    public var livy: LivySettings = .init()

    /// The default world: Hadoop 3.3.6, one RM, one WAITING cluster "streaming-prod", no faults.
    public static let standard = Scenario()

    /// Creates the default scenario; adjust its properties.
    public init() {}

    /// Decodes a scenario, taking defaults for every missing key.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Scenario()
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? d.name
        description = try c.decodeIfPresent(String.self, forKey: .description) ?? d.description
        hadoopVersion = try c.decodeIfPresent(String.self, forKey: .hadoopVersion) ?? d.hadoopVersion
        resourceManagers = try c.decodeIfPresent(Int.self, forKey: .resourceManagers) ?? d.resourceManagers
        auth = try c.decodeIfPresent(AuthSettings.self, forKey: .auth) ?? d.auth
        delays = try c.decodeIfPresent(Delays.self, forKey: .delays) ?? d.delays
        maxCompletedApplications =
            try c.decodeIfPresent(Int.self, forKey: .maxCompletedApplications) ?? d.maxCompletedApplications
        appOrder = try c.decodeIfPresent(String.self, forKey: .appOrder) ?? d.appOrder
        sparkAppRunSeconds = try c.decodeIfPresent(Double.self, forKey: .sparkAppRunSeconds)
        sparkBatchSeconds = try c.decodeIfPresent(Double.self, forKey: .sparkBatchSeconds) ?? d.sparkBatchSeconds
        queues = try c.decodeIfPresent([String].self, forKey: .queues) ?? d.queues
        clusters = try c.decodeIfPresent([ClusterSeed].self, forKey: .clusters) ?? d.clusters
        bulkApps = try c.decodeIfPresent(BulkApps.self, forKey: .bulkApps)
        faults = try c.decodeIfPresent([Fault].self, forKey: .faults) ?? d.faults
        buckets = try c.decodeIfPresent([String].self, forKey: .buckets) ?? d.buckets
        emrClockAheadSeconds = try c.decodeIfPresent(Double.self, forKey: .emrClockAheadSeconds) ?? d.emrClockAheadSeconds
        platform = try c.decodeIfPresent(String.self, forKey: .platform) ?? d.platform
        livy = try c.decodeIfPresent(LivySettings.self, forKey: .livy) ?? d.livy
    }

    /// True when the world has no EMR: rehearsal seeds go through Livy (``platform`` "yarn").
    public var isYARNOnly: Bool { platform == "yarn" }

    /// Hadoop version as (major, minor), for feature switches.
    var hadoopMajorMinor: (Int, Int) {
        let parts = hadoopVersion.split(separator: ".").compactMap { Int($0) }
        return (parts.first ?? 3, parts.count > 1 ? parts[1] : 0)
    }

    /// True when the RM honours the `name` filter (Hadoop ≥ 3.3).
    var supportsNameFilter: Bool { hadoopMajorMinor >= (3, 3) }
    /// True when the RM returns `{"apps":{}}` for an empty list (Hadoop 3.x) rather than `{"apps":null}`.
    var emptyAppsIsObject: Bool { hadoopMajorMinor.0 >= 3 }
    /// True when the RM reads `deSelects` (YARN-6280, Hadoop 2.9.0 and 3.0): an older RM ignores the
    /// parameter, invalid values included, and answers every field.
    var supportsDeSelects: Bool { hadoopMajorMinor >= (2, 9) }
    /// True when kill requests may carry `diagnostics` (Hadoop ≥ 3.0).
    var supportsKillDiagnostics: Bool { hadoopMajorMinor.0 >= 3 }
}

/// Authentication and authorisation of the simulated RMs.
public struct AuthSettings: Sendable, Codable, Equatable {
    /// "anonymous" (default: every caller is `dr.who` unless `user.name` is given) or "simple"
    /// (pseudo auth: `user.name` query parameter or the `hadoop.auth` cookie).
    public var mode: String = "anonymous"
    /// With "simple": whether requests without a user are allowed (as `dr.who`). Default true.
    public var allowAnonymous: Bool = true
    /// `yarn.acl.enable`: only the app owner and `admins` may kill. Default false.
    public var aclEnabled: Bool = false
    /// Users allowed to kill any app when ACLs are on. Default ["hadoop"].
    public var admins: [String] = ["hadoop"]
    /// `rest-csrf.enabled`: browser User-Agents must send `X-XSRF-Header` on mutations. Default false.
    public var csrfEnabled: Bool = false
    /// Whether REST app submission is allowed (`POST /apps`). Default true.
    public var restSubmission: Bool = true

    /// Creates the default settings.
    public init() {}

    /// Decodes settings, taking defaults for missing keys.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = AuthSettings()
        mode = try c.decodeIfPresent(String.self, forKey: .mode) ?? d.mode
        allowAnonymous = try c.decodeIfPresent(Bool.self, forKey: .allowAnonymous) ?? d.allowAnonymous
        aclEnabled = try c.decodeIfPresent(Bool.self, forKey: .aclEnabled) ?? d.aclEnabled
        admins = try c.decodeIfPresent([String].self, forKey: .admins) ?? d.admins
        csrfEnabled = try c.decodeIfPresent(Bool.self, forKey: .csrfEnabled) ?? d.csrfEnabled
        restSubmission = try c.decodeIfPresent(Bool.self, forKey: .restSubmission) ?? d.restSubmission
    }
}

/// Virtual-time durations (seconds) of the lifecycles.
public struct Delays: Sendable, Codable, Equatable {
    /// RunJobFlow: STARTING lasts this long. Default 60.
    public var clusterStarting: Double = 60
    /// RunJobFlow: BOOTSTRAPPING lasts this long. Default 30.
    public var clusterBootstrapping: Double = 30
    /// TERMINATING lasts this long. Default 10.
    public var clusterTerminating: Double = 10
    /// A PENDING step whose turn came starts RUNNING after this. Default 2.
    public var stepStart: Double = 2
    /// A non-Spark step runs this long and COMPLETES. Default 10.
    public var plainStepRun: Double = 10
    /// CANCEL_PENDING → CANCELLED. Default 2.
    public var stepCancel: Double = 2
    /// App NEW_SAVING → SUBMITTED. Default 0.5.
    public var appSubmitted: Double = 0.5
    /// App SUBMITTED → ACCEPTED. Default 0.5.
    public var appAccepted: Double = 0.5
    /// App ACCEPTED → RUNNING. Default 8.
    public var appRunning: Double = 8
    /// Kill request → KILLED. Default 3.
    public var kill: Double = 3

    /// Creates the default delays.
    public init() {}

    /// Decodes delays, taking defaults for missing keys.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Delays()
        clusterStarting = try c.decodeIfPresent(Double.self, forKey: .clusterStarting) ?? d.clusterStarting
        clusterBootstrapping =
            try c.decodeIfPresent(Double.self, forKey: .clusterBootstrapping) ?? d.clusterBootstrapping
        clusterTerminating = try c.decodeIfPresent(Double.self, forKey: .clusterTerminating) ?? d.clusterTerminating
        stepStart = try c.decodeIfPresent(Double.self, forKey: .stepStart) ?? d.stepStart
        plainStepRun = try c.decodeIfPresent(Double.self, forKey: .plainStepRun) ?? d.plainStepRun
        stepCancel = try c.decodeIfPresent(Double.self, forKey: .stepCancel) ?? d.stepCancel
        appSubmitted = try c.decodeIfPresent(Double.self, forKey: .appSubmitted) ?? d.appSubmitted
        appAccepted = try c.decodeIfPresent(Double.self, forKey: .appAccepted) ?? d.appAccepted
        appRunning = try c.decodeIfPresent(Double.self, forKey: .appRunning) ?? d.appRunning
        kill = try c.decodeIfPresent(Double.self, forKey: .kill) ?? d.kill
    }
}

/// A cluster created when the simulator starts.
public struct ClusterSeed: Sendable, Codable, Equatable {
    /// Cluster name. Default "streaming-prod".
    public var name: String = "streaming-prod"
    /// EMR release. Default "emr-6.15.0".
    public var releaseLabel: String = "emr-6.15.0"
    /// Steps that may run at once. Default 1.
    public var stepConcurrencyLevel: Int = 1
    /// Streaming Spark jobs already RUNNING (as steps with YARN apps).
    public var streamingJobs: [StreamingJobSeed] = []

    /// Creates the default seed.
    public init(
        name: String = "streaming-prod", releaseLabel: String = "emr-6.15.0", stepConcurrencyLevel: Int = 1,
        streamingJobs: [StreamingJobSeed] = []
    ) {
        self.name = name
        self.releaseLabel = releaseLabel
        self.stepConcurrencyLevel = stepConcurrencyLevel
        self.streamingJobs = streamingJobs
    }

    /// Decodes a seed, taking defaults for missing keys.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? "streaming-prod"
        releaseLabel = try c.decodeIfPresent(String.self, forKey: .releaseLabel) ?? "emr-6.15.0"
        stepConcurrencyLevel = try c.decodeIfPresent(Int.self, forKey: .stepConcurrencyLevel) ?? 1
        streamingJobs = try c.decodeIfPresent([StreamingJobSeed].self, forKey: .streamingJobs) ?? []
    }
}

/// A streaming Spark job seeded RUNNING on a cluster.
public struct StreamingJobSeed: Sendable, Codable, Equatable {
    /// Spark app name (`--name`).
    public var name: String
    /// Main class (`--class`).
    public var mainClass: String
    /// Application jar URI.
    public var jar: String
    /// `spark.yarn.tags`.
    public var tags: [String]?

    /// Creates a seed.
    public init(name: String, mainClass: String, jar: String, tags: [String]? = nil) {
        self.name = name
        self.mainClass = mainClass
        self.jar = jar
        self.tags = tags
    }
}

/// Bulk-generated YARN apps for large-cluster scenarios.
public struct BulkApps: Sendable, Codable, Equatable {
    /// How many apps in total.
    public var count: Int
    /// How many of them are RUNNING (the rest are FINISHED, FAILED or KILLED).
    public var running: Int
    /// Names are `<namePrefix>-<n>`.
    public var namePrefix: String

    /// Creates a bulk-apps spec.
    public init(count: Int, running: Int, namePrefix: String) {
        self.count = count
        self.running = running
        self.namePrefix = namePrefix
    }
}
