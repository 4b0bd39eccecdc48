/// A Livy session state as a batch reports it (`starting`, `running`, `success`, `dead`, `killed`…).
/// A struct, not an enum: a newer Livy may report states this client does not know.
public struct LivyBatchState: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The state as Livy spells it.
    public let rawValue: String
    /// Creates a state.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The state.
    public var description: String { rawValue }

    /// Created, not started yet.
    public static let notStarted = LivyBatchState(rawValue: "not_started")
    /// spark-submit runs; the YARN app may not exist yet.
    public static let starting = LivyBatchState(rawValue: "starting")
    /// The YARN app is RUNNING.
    public static let running = LivyBatchState(rawValue: "running")
    /// Livy restarted and is finding the app again.
    public static let recovering = LivyBatchState(rawValue: "recovering")
    /// Being stopped.
    public static let shuttingDown = LivyBatchState(rawValue: "shutting_down")
    /// The YARN app finished SUCCEEDED.
    public static let success = LivyBatchState(rawValue: "success")
    /// The YARN app failed, or spark-submit did (the app never appeared).
    public static let dead = LivyBatchState(rawValue: "dead")
    /// The YARN app was killed (through Livy or the RM).
    public static let killed = LivyBatchState(rawValue: "killed")
    /// Livy could not run the batch.
    public static let error = LivyBatchState(rawValue: "error")

    /// The states a batch never leaves.
    public static let final: Set<LivyBatchState> = [.success, .dead, .killed, .error]

    /// Whether the batch will not change state again.
    public var isFinal: Bool { Self.final.contains(self) }
}
