import Foundation

/// The lease object's body: who holds lock `lock`, since when and until when, and which deploy journal
/// belongs to the holder. Times are seconds since 1970 by the writer's clock; expiry is judged by S3's
/// clock when S3 sends `Date` and `Last-Modified` (``LeaseExpiry``).
struct LeaseDocument: Codable, Sendable, Equatable {
    /// Marks the object as ours; anything else at the key is never overwritten.
    static let currentFormat = "sparkdeploy-lease/1"

    /// Held by a live run, or released by one that exited.
    enum State: String, Codable, Sendable { case held, released }

    var format = LeaseDocument.currentFormat
    var lock: String
    var state: State
    var owner: LeaseOwner
    var acquiredAt: Double
    var renewedAt: Double
    var expiresAt: Double
    var ttl: Double
    /// The holder's deploy id (also its journal's name and its apps' YARN tag).
    var deployID: String
    /// The holder's journal key.
    var journal: String?
    /// The journal's state when the lease was released (`finished`, `stopped`), `nil` while held.
    var journalState: String?
    /// When the lease was released, and the run's outcome.
    var releasedAt: Double?
    var outcome: String?

    enum CodingKeys: String, CodingKey {
        case format, lock, state, owner, ttl, journal, outcome
        case acquiredAt = "acquired_at", renewedAt = "renewed_at", expiresAt = "expires_at", deployID = "deploy_id"
        case journalState = "journal_state", releasedAt = "released_at"
    }

    /// The JSON bytes.
    func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return (try? Array(encoder.encode(self))) ?? []
    }

    /// Decodes a lease body; `nil` when the bytes are not a SparkDeploy lease.
    static func decode(_ bytes: [UInt8]) -> LeaseDocument? {
        guard let document = try? JSONDecoder().decode(LeaseDocument.self, from: Data(bytes)),
            document.format == currentFormat
        else { return nil }
        return document
    }
}

/// Who holds a lease: enough for an operator to find the run (host, pid, CI job) and to tell whether it
/// deploys the same thing (recipe, params digest).
struct LeaseOwner: Codable, Sendable, Equatable {
    var host: String
    var pid: Int32
    var runID: String
    var recipe: String
    var paramsDigest: String
    var user: String?
    var ciJobURL: String?

    enum CodingKeys: String, CodingKey {
        case host, pid, recipe, user
        case runID = "run_id", paramsDigest = "params_digest", ciJobURL = "ci_job_url"
    }

    /// `run R (recipe x, host h, pid p, CI job url)`.
    var summary: String {
        var parts = ["recipe \(recipe)", "host \(host)", "pid \(pid)"]
        if let user { parts.append("user \(user)") }
        if let ciJobURL { parts.append("CI job \(ciJobURL)") }
        return "run \(runID) (\(parts.joined(separator: ", ")))"
    }

    /// The CI job's URL from the usual variables (GitHub Actions, GitLab, Jenkins, CircleCI, Buildkite,
    /// Azure Pipelines), `nil` outside CI.
    static func ciJobURL(environment: [String: String]) -> String? {
        if let server = environment["GITHUB_SERVER_URL"], let repository = environment["GITHUB_REPOSITORY"],
            let run = environment["GITHUB_RUN_ID"]
        {
            return "\(server)/\(repository)/actions/runs/\(run)"
        }
        for name in ["CI_JOB_URL", "BUILD_URL", "CIRCLE_BUILD_URL", "BUILDKITE_BUILD_URL"] {
            if let url = environment[name], !url.isEmpty { return url }
        }
        if let collection = environment["SYSTEM_COLLECTIONURI"], let project = environment["SYSTEM_TEAMPROJECT"],
            let build = environment["BUILD_BUILDID"]
        {
            return "\(collection)\(project)/_build/results?buildId=\(build)"
        }
        return nil
    }

    /// This host's name.
    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown-host" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
