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

    /// Creates a seed.
    public init(cluster: String, app: String?, mainClass: String = "com.example.StreamingJob", jar: String? = nil) {
        self.cluster = cluster
        self.app = app
        self.mainClass = mainClass
        self.jar = jar ?? "s3://sandbox-builds/\((app ?? "app").lowercased())-previous.jar"
    }

    /// The seed a recipe's params imply (`cluster`, `app`, `class`).
    public static func from(params: [String: String]) -> RehearsalSeed {
        var cluster = params["cluster"] ?? "sandbox"
        if cluster.hasPrefix("j-") { cluster = "sandbox" }
        return RehearsalSeed(cluster: cluster, app: params["app"], mainClass: params["class"] ?? "com.example.StreamingJob")
    }
}
