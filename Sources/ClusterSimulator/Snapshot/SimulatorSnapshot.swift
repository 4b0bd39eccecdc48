/// A comparable picture of the simulated world, for assertions such as "a dry run mutated nothing".
public struct SimulatorSnapshot: Sendable, Codable, Equatable {
    /// One EMR cluster.
    public struct Cluster: Sendable, Codable, Equatable {
        /// `j-…` id.
        public var id: String
        /// Name.
        public var name: String
        /// EMR cluster state.
        public var state: String
        /// Release label.
        public var releaseLabel: String
        /// StepConcurrencyLevel.
        public var stepConcurrencyLevel: Int
        /// Tags in order.
        public var tags: [ClusterTag]
    }

    /// One EMR step.
    public struct Step: Sendable, Codable, Equatable {
        /// `s-…` id.
        public var id: String
        /// Owning cluster.
        public var clusterId: String
        /// Step name.
        public var name: String
        /// EMR step state.
        public var state: String
        /// ActionOnFailure.
        public var actionOnFailure: String
        /// The YARN app the step started, if any.
        public var appId: String?
        /// The step's arguments (for a Spark step: the spark-submit command line, with the build's jar).
        public var args: [String] = []
    }

    /// One YARN app.
    public struct App: Sendable, Codable, Equatable {
        /// `application_…` id.
        public var id: String
        /// Name.
        public var name: String
        /// Public state (what the list view shows).
        public var state: String
        /// Internal RM state (KILLING, FINAL_SAVING, …).
        public var internalState: String
        /// finalStatus.
        public var finalStatus: String
        /// Queue.
        public var queue: String
        /// Lowercased tags.
        public var tags: [String]
        /// The step that started it, if any.
        public var stepId: String?
        /// When the RM accepted it, in seconds on the simulator's clock.
        public var startedTime: Double?
        /// When it reached a final state (KILLED, FAILED, FINISHED), if it has.
        public var finishedTime: Double?
    }

    /// One S3 object.
    public struct Object: Sendable, Codable, Equatable {
        /// The bucket.
        public var bucket: String
        /// The key.
        public var key: String
        /// The ETag, quotes included.
        public var etag: String
        /// Size in bytes.
        public var size: Int
        /// When it was last written, in seconds on the simulator's clock.
        public var lastModified: Double
    }

    /// Clusters in creation order.
    public var clusters: [Cluster]
    /// Steps in creation order.
    public var steps: [Step]
    /// Apps in submission order (evicted apps are gone).
    public var apps: [App]
    /// Index of the active RM, `nil` if none.
    public var activeRM: Int?
    /// S3 bucket names, sorted.
    public var buckets: [String] = []
    /// S3 objects by bucket, then key (UTF-8 order) — e.g. "no lease object left" is
    /// `snapshot.objects(in: "locks").isEmpty`.
    public var objects: [Object] = []

    /// Apps in `state` (public view) — e.g. `snapshot.apps(in: "RUNNING")`.
    public func apps(in state: String) -> [App] { apps.filter { $0.state == state } }

    /// The S3 objects of `bucket` whose keys start with `prefix`.
    public func objects(in bucket: String, prefix: String = "") -> [Object] {
        objects.filter { $0.bucket == bucket && $0.key.hasPrefix(prefix) }
    }
}

extension ClusterModel {
    /// The snapshot of this model.
    var snapshot: SimulatorSnapshot {
        let cs = clusterOrder.compactMap { clusters[$0] }.map {
            SimulatorSnapshot.Cluster(
                id: $0.id, name: $0.name, state: $0.state, releaseLabel: $0.releaseLabel,
                stepConcurrencyLevel: $0.stepConcurrencyLevel, tags: $0.tags)
        }
        let ss = steps.values.sorted { $0.seq < $1.seq }.map {
            SimulatorSnapshot.Step(
                id: $0.id, clusterId: $0.clusterId, name: $0.name, state: $0.state,
                actionOnFailure: $0.actionOnFailure, appId: $0.appId, args: $0.args)
        }
        let apps = appOrder.compactMap { self.apps[$0] }.map {
            SimulatorSnapshot.App(
                id: $0.id, name: $0.name, state: $0.publicState, internalState: $0.internalState,
                finalStatus: $0.finalStatus, queue: $0.queue, tags: $0.tags, stepId: $0.stepId,
                startedTime: $0.startedTime, finishedTime: $0.finishedTime)
        }
        return SimulatorSnapshot(clusters: cs, steps: ss, apps: apps, activeRM: activeRM)
    }
}

extension S3Store {
    /// The snapshot entries of every object, by bucket name then key.
    var snapshotObjects: [SimulatorSnapshot.Object] {
        buckets.keys.sorted().flatMap { name -> [SimulatorSnapshot.Object] in
            guard let bucket = buckets[name] else { return [] }
            return S3Store.sortedKeys(of: bucket).compactMap { key in
                bucket.objects[key].map {
                    SimulatorSnapshot.Object(
                        bucket: name, key: key, etag: $0.etag, size: $0.body.count,
                        lastModified: $0.lastModified)
                }
            }
        }
    }
}
