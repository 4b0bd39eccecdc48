/// Every EMR step by id, plus the ids of those not yet terminal.
///
/// ``ClusterModel/advance(to:)`` runs before every request and only needs the live steps: scanning
/// (and copying) every step ever added made each request slower as history grew (the soak's
/// 220 redeploys ran ~30 % slower at the end than at the start).
struct StepTable: Sendable {
    private var byId: [String: SimStep] = [:]
    /// Ids of the steps that are not terminal: the only ones with transitions left.
    private(set) var live: Set<String> = []

    /// The step with `id`; setting keeps ``live`` in step with the step's state.
    subscript(id: String) -> SimStep? {
        get { byId[id] }
        set {
            byId[id] = newValue
            if let step = newValue, !step.isTerminal { live.insert(id) } else { live.remove(id) }
        }
    }

    /// The live steps of `clusterId` in creation order: the only ones a live-state query can match.
    func live(in clusterId: String) -> [String] {
        live.compactMap { id in byId[id].flatMap { $0.clusterId == clusterId ? ($0.seq, id) : nil } }
            .sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Every step, in no particular order.
    var values: Dictionary<String, SimStep>.Values { byId.values }
}
