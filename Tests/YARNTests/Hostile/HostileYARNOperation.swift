import YARN

/// The RM client operations fuzzed against the hostile server, with the fixture each one's valid
/// body comes from and the path its errors must name.
enum HostileYARNOperation: String, CaseIterable, Sendable, CustomStringConvertible {
    case apps, app, appState, clusterInfo, newApplication, attempts

    static let appId = "application_1700000000000_0001"

    /// The valid body (a file in `Fixtures/`).
    var fixture: String {
        switch self {
        case .apps: return "apps-hadoop3.json"
        case .app: return "app.json"
        case .appState: return "state-killing.json"
        case .clusterInfo: return "cluster-info-standby.json"
        case .newApplication: return "new-application.json"
        case .attempts: return "attempts.json"
        }
    }

    /// The request path every error of this operation must name.
    var path: String {
        switch self {
        case .apps: return "/ws/v1/cluster/apps"
        case .app: return "/ws/v1/cluster/apps/\(Self.appId)"
        case .appState: return "/ws/v1/cluster/apps/\(Self.appId)/state"
        case .clusterInfo: return "/ws/v1/cluster/info"
        case .newApplication: return "/ws/v1/cluster/apps/new-application"
        case .attempts: return "/ws/v1/cluster/apps/\(Self.appId)/appattempts"
        }
    }

    /// A fixed seed per operation (override with `HOSTILE_SEED`).
    var seed: UInt64 { 0x5EED_0000 + UInt64(Self.allCases.firstIndex(of: self) ?? 0) }

    var description: String { rawValue }

    /// Calls the operation.
    func call(_ client: RMClient) async throws(YARNError) -> any Sendable {
        switch self {
        case .apps: return try await client.apps()
        case .app: return try await client.app(id: Self.appId)
        case .appState: return try await client.appState(id: Self.appId)
        case .clusterInfo: return try await client.clusterInfo()
        case .newApplication: return try await client.newApplication()
        case .attempts: return try await client.attempts(appId: Self.appId)
        }
    }
}
