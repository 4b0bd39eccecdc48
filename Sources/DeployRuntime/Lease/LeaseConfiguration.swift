/// What a run does when the lease it takes names an unfinished deploy.
public enum DeployReattach: String, Sendable {
    /// Continue it when the journal and the cluster agree; refuse otherwise (the default).
    case auto
    /// Continue it as the journal records it, even where the cluster disagrees (`run --resume`).
    case resume
    /// Set the journal aside and start from what the cluster shows (`run --abandon`).
    case abandon
}

/// The lease choices a run was given (`--lock-store`, `--lock-ttl`, `--lock-wait`, `--resume` / `--abandon`);
/// each one left nil is read from `SPARKDEPLOY_LOCK_STORE`, `_TTL`, `_WAIT` and `SPARKDEPLOY_REATTACH`.
public struct LeaseConfiguration: Sendable, Equatable {
    /// `s3://bucket/prefix` (empty: no store, whatever the environment says).
    public var store: String?
    /// Seconds a lease lives without renewal.
    public var ttl: Double?
    /// Seconds to wait for a lease another run holds.
    public var wait: Double?
    /// What to do with an unfinished deploy's journal.
    public var reattach: DeployReattach?

    /// Choices that leave everything to the environment.
    public init(store: String? = nil, ttl: Double? = nil, wait: Double? = nil, reattach: DeployReattach? = nil) {
        self.store = store
        self.ttl = ttl
        self.wait = wait
        self.reattach = reattach
    }

    /// What is wrong with these choices, naming the command-line option (`--lock-store`, `--lock-ttl`,
    /// `--lock-wait`), or nil.
    public var problem: String? {
        if let store, !store.isEmpty {
            do throws(LeaseStoreError) { _ = try LeaseStore(parsing: store) } catch { return "--lock-store: \(error)" }
        }
        do throws(LeaseStoreError) {
            if let ttl { _ = try LeaseSettings.checked(ttl, name: "--lock-ttl", range: LeaseSettings.ttlRange) }
            if let wait { _ = try LeaseSettings.checked(wait, name: "--lock-wait", range: LeaseSettings.waitRange) }
        } catch {
            return error.problem + " (got \(error.text))"
        }
        return nil
    }
}
