/// One executor of a Spark application (`GET …/executors`), the driver included (id `"driver"`).
public struct SparkExecutor: Sendable, Equatable, Decodable {
    /// `"driver"` or the executor's number.
    public var id: String
    /// `host:port`.
    public var hostPort: String
    /// Whether it is alive (`/executors` lists active ones; older versions may omit the field).
    public var isActive: Bool
    /// Cores it runs tasks on (0 for a YARN cluster-mode driver, which runs none).
    public var totalCores: Int
    /// Tasks running now.
    public var activeTasks: Int
    /// Tasks that failed on it.
    public var failedTasks: Int
    /// Tasks completed on it.
    public var completedTasks: Int
    /// Excluded from scheduling (`isExcluded` in 3.1+, `isBlacklisted` before).
    public var isExcluded: Bool

    /// Whether it is active and can run tasks: an executor, or a driver with cores (local mode).
    public var runsTasks: Bool { isActive && (id != "driver" || totalCores > 0) }

    private enum CodingKeys: String, CodingKey {
        case id, hostPort, isActive, totalCores, activeTasks, failedTasks, completedTasks, isExcluded, isBlacklisted
    }

    /// Decodes an executor; only `id` is required.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        hostPort = try c.decodeIfPresent(String.self, forKey: .hostPort) ?? ""
        isActive = try c.decodeIfPresent(Bool.self, forKey: .isActive) ?? true
        totalCores = try c.decodeIfPresent(Int.self, forKey: .totalCores) ?? 0
        activeTasks = try c.decodeIfPresent(Int.self, forKey: .activeTasks) ?? 0
        failedTasks = try c.decodeIfPresent(Int.self, forKey: .failedTasks) ?? 0
        completedTasks = try c.decodeIfPresent(Int.self, forKey: .completedTasks) ?? 0
        isExcluded =
            try c.decodeIfPresent(Bool.self, forKey: .isExcluded)
            ?? c.decodeIfPresent(Bool.self, forKey: .isBlacklisted) ?? false
    }
}
