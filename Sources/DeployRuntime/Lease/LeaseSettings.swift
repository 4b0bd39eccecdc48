/// How `lock()` coordinates beyond this machine, resolved: the store, the lease's time to live, how long to
/// wait for a held lease, and what to do with an unfinished deploy's journal. The run's ``LeaseConfiguration``
/// (`--lock-store`, `--lock-ttl`, `--lock-wait`, `run --resume` / `--abandon`) wins over the environment
/// (`SPARKDEPLOY_LOCK_STORE`, `_TTL`, `_WAIT`, `SPARKDEPLOY_REATTACH`); `lock(name, {store, ttl, wait})`
/// overrides the first three.
struct LeaseSettings: Sendable, Equatable {
    /// What a run does when the lease it takes names an unfinished deploy.
    typealias Reattach = DeployReattach

    /// The default time to live, in seconds.
    static let defaultTTL: Double = 300
    /// The shortest and longest time to live accepted.
    static let ttlRange: ClosedRange<Double> = 2...86_400
    /// The longest wait accepted.
    static let waitRange: ClosedRange<Double> = 0...86_400

    var store: LeaseStore?
    var ttl: Double
    var wait: Double
    var reattach: Reattach

    /// `chosen`, each choice left nil read from `environment`; a malformed value is an error naming the
    /// option or the variable.
    static func resolve(_ chosen: LeaseConfiguration, environment: [String: String]) throws(LeaseStoreError) -> LeaseSettings {
        let store = try (chosen.store ?? environment["SPARKDEPLOY_LOCK_STORE"]).flatMap { $0.isEmpty ? nil : $0 }
            .map { text throws(LeaseStoreError) in try LeaseStore(parsing: text) }
        let ttl: Double
        if let chosenTTL = chosen.ttl {
            ttl = try checked(chosenTTL, name: "--lock-ttl", range: ttlRange)
        } else {
            ttl = try number(environment, "SPARKDEPLOY_LOCK_TTL", default: defaultTTL, range: ttlRange)
        }
        let wait: Double
        if let chosenWait = chosen.wait {
            wait = try checked(chosenWait, name: "--lock-wait", range: waitRange)
        } else {
            wait = try number(environment, "SPARKDEPLOY_LOCK_WAIT", default: 0, range: waitRange)
        }
        if let reattach = chosen.reattach { return LeaseSettings(store: store, ttl: ttl, wait: wait, reattach: reattach) }
        let raw = environment["SPARKDEPLOY_REATTACH"] ?? "auto"
        guard let reattach = Reattach(rawValue: raw.isEmpty ? "auto" : raw) else {
            throw LeaseStoreError(text: raw, problem: "SPARKDEPLOY_REATTACH must be auto, resume or abandon")
        }
        return LeaseSettings(store: store, ttl: ttl, wait: wait, reattach: reattach)
    }

    /// `value` when it is a finite number of seconds in `range`; else an error naming `name`.
    static func checked(_ value: Double, name: String, range: ClosedRange<Double>) throws(LeaseStoreError) -> Double {
        guard value.isFinite, range.contains(value) else {
            throw LeaseStoreError(
                text: "\(value)", problem: "\(name) must be a number of seconds in \(Int(range.lowerBound))...\(Int(range.upperBound))")
        }
        return value
    }

    private static func number(
        _ environment: [String: String], _ name: String, default fallback: Double,
        range: ClosedRange<Double>
    ) throws(LeaseStoreError) -> Double {
        guard let text = environment[name], !text.isEmpty else { return fallback }
        guard let value = Double(text) else {
            throw LeaseStoreError(
                text: text, problem: "\(name) must be a number of seconds in \(Int(range.lowerBound))...\(Int(range.upperBound))")
        }
        do throws(LeaseStoreError) { return try checked(value, name: name, range: range) } catch {
            throw LeaseStoreError(text: text, problem: error.problem)
        }
    }
}
