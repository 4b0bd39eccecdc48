import ClusterSimulator

/// What a rehearsal (`--sandbox`) seeds so that a recipe finds what its params name: a cluster (by name)
/// running a streaming app (by name) from a previous build.
public struct RehearsalSeed: Sendable {
    /// Cluster name to create if absent (a `j-…` id param is replaced by the seeded cluster's id).
    public var cluster: String
    /// Streaming application to start on it, if absent.
    public var app: String?
    /// Main class of the seeded app.
    public var mainClass: String
    /// Jar of the seeded ("previous") build.
    public var jar: String
    /// Where the seeded build checkpoints (`spark.sql.streaming.checkpointLocation`), if it does: the
    /// checkpoint is pre-populated with batches 0…4 committed, so the seeded app continues at 5.
    public var checkpoint: String?
    /// The stop marker the seeded build polls (`spark.sparkdeploy.stopMarker`), if any.
    public var marker: String?

    /// Batches the seeded build's checkpoint holds committed before it starts (0…4).
    public static let seededCommittedBatches = 5

    /// Creates a seed.
    public init(
        cluster: String, app: String?, mainClass: String = "com.example.StreamingJob", jar: String? = nil,
        checkpoint: String? = nil, marker: String? = nil
    ) {
        self.cluster = cluster
        self.app = app
        self.mainClass = mainClass
        self.jar = jar ?? "s3://sandbox-builds/\((app ?? "app").lowercased())-previous.jar"
        self.checkpoint = checkpoint
        self.marker = marker
    }

    /// The seed a recipe's params imply (`cluster`, `app`, `class`, `checkpoint`, `marker`).
    public static func from(params: [String: String]) -> RehearsalSeed {
        var cluster = params["cluster"] ?? "sandbox"
        if cluster.hasPrefix("j-") { cluster = "sandbox" }
        return RehearsalSeed(
            cluster: cluster, app: params["app"], mainClass: params["class"] ?? "com.example.StreamingJob",
            checkpoint: params["checkpoint"].flatMap { $0.isEmpty ? nil : $0 },
            marker: params["marker"].flatMap { $0.isEmpty ? nil : $0 })
    }

    /// The `--conf`s of the seeded build's step: its checkpoint location and stop marker, when given.
    public var streamingConf: [String: String] {
        var conf: [String: String] = [:]
        if let checkpoint { conf[StreamingConf.checkpointLocation] = checkpoint }
        if let marker { conf[StreamingConf.stopMarker] = marker }
        return conf
    }
}
