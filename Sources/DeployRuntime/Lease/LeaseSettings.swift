/// How `lock()` coordinates beyond this machine: the store (`SPARKDEPLOY_LOCK_STORE`, `--lock-store`),
/// the lease's time to live (`SPARKDEPLOY_LOCK_TTL`, `--lock-ttl`), how long to wait for a held lease
/// (`SPARKDEPLOY_LOCK_WAIT`, `--lock-wait`), and what to do with an unfinished deploy's journal
/// (`SPARKDEPLOY_REATTACH`, `run --resume` / `--abandon`). `lock(name, {store, ttl, wait})` overrides the first three.
struct LeaseSettings: Sendable, Equatable {
    /// What a run does when the lease it takes names an unfinished deploy.
    enum Reattach: String, Sendable {
        /// Continue it when the journal and the cluster agree; refuse otherwise (the default).
        case auto
        /// Continue it as the journal records it, even where the cluster disagrees (`--resume`).
        case resume
        /// Set the journal aside and start from what the cluster shows (`--abandon`).
        case abandon
    }

    /// The default time to live, in seconds.
    static let defaultTTL: Double = 300
    /// The shortest and longest time to live accepted.
    static let ttlRange: ClosedRange<Double> = 2...86_400

    var store: LeaseStore?
    var ttl: Double
    var wait: Double
    var reattach: Reattach

    /// Reads the environment; a malformed value is an error naming the variable.
    static func from(environment: [String: String]) throws(LeaseStoreError) -> LeaseSettings {
        let store = try environment["SPARKDEPLOY_LOCK_STORE"].flatMap { $0.isEmpty ? nil : $0 }
            .map { text throws(LeaseStoreError) in try LeaseStore(parsing: text) }
        let ttl = try number(environment, "SPARKDEPLOY_LOCK_TTL", default: defaultTTL, range: ttlRange)
        let wait = try number(environment, "SPARKDEPLOY_LOCK_WAIT", default: 0, range: 0...86_400)
        let raw = environment["SPARKDEPLOY_REATTACH"] ?? "auto"
        guard let reattach = Reattach(rawValue: raw.isEmpty ? "auto" : raw) else {
            throw LeaseStoreError(text: raw, problem: "SPARKDEPLOY_REATTACH must be auto, resume or abandon")
        }
        return LeaseSettings(store: store, ttl: ttl, wait: wait, reattach: reattach)
    }

    private static func number(_ environment: [String: String], _ name: String, default fallback: Double,
                               range: ClosedRange<Double>) throws(LeaseStoreError) -> Double {
        guard let text = environment[name], !text.isEmpty else { return fallback }
        guard let value = Double(text), value.isFinite, range.contains(value) else {
            throw LeaseStoreError(text: text, problem: "\(name) must be a number of seconds in \(Int(range.lowerBound))...\(Int(range.upperBound))")
        }
        return value
    }
}
