import Logging
import SparkDeployCore

/// Caches another provider's credentials and refreshes temporary ones before they expire.
///
/// botocore's two thresholds: within `advisoryRefresh` seconds (15 min) of expiry a refresh is tried and,
/// if it fails, the cached credentials are still used; within `mandatoryRefresh` (10 min) a refresh must
/// succeed. Concurrent callers share one refresh.
public actor RefreshingCredentialProvider: CredentialProvider {
    /// The wrapped provider.
    public let base: any CredentialProvider
    private let clock: any DeployClock
    private let advisoryRefresh: Double
    private let mandatoryRefresh: Double
    private var cached: AWSCredentials?
    private var inflight: Task<AWSCredentials, any Error>?

    /// `refreshing(<base>)`.
    public nonisolated var name: String { "refreshing(\(base.name))" }

    /// Wraps `base`.
    public init(
        wrapping base: any CredentialProvider, clock: any DeployClock = SystemClock(),
        advisoryRefresh: Double = 900, mandatoryRefresh: Double = 600
    ) {
        self.base = base
        self.clock = clock
        self.advisoryRefresh = advisoryRefresh
        self.mandatoryRefresh = mandatoryRefresh
    }

    /// The cached credentials, refreshed when needed.
    /// - Throws: ``CredentialError`` when no usable credentials can be had.
    public func lookup(logger: Logger) async throws -> CredentialLookup {
        let now = clock.now()
        if let cached, !cached.expires(within: advisoryRefresh, now: now) { return .found(cached) }
        do {
            return .found(try await refresh(logger: logger))
        } catch {
            if let cached, !cached.expires(within: mandatoryRefresh, now: now) {
                logger.warning(
                    "credential refresh failed; using cached credentials",
                    metadata: [
                        "aws.credentials_source": "\(cached.source)",
                        "error": "\(Redactor.shared.redact(String(describing: error)))",
                    ])
                return .found(cached)
            }
            throw error
        }
    }

    /// Drops the cache so the next call asks the base provider again.
    public func invalidate() {
        cached = nil
    }

    private func refresh(logger: Logger) async throws -> AWSCredentials {
        if let inflight { return try await inflight.value }
        let base = self.base
        let task = Task { try await base.credentials(logger: logger) }
        inflight = task
        defer { inflight = nil }
        let fresh = try await task.value
        cached = fresh
        return fresh
    }
}
