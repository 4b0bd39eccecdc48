import Crypto
import Foundation
import LuaHost
import S3
import SparkDeployCore

/// Who a run is, as leases, journals and YARN see it.
public struct RunIdentity: Sendable, Equatable {
    /// This run's deploy id: UTC time and 6 random hex digits, lowercase (`20261205t003512z-7f3a9c`), so
    /// ids sort by start time and survive YARN's lowercasing of tags.
    public let deployID: String
    /// The YARN application tag every submission of this run carries (`sparkdeploy-<deploy id>`).
    public var tag: String { RunIdentity.tagPrefix + deployID }
    /// The recipe (or `exec`).
    public var recipe: String
    /// A digest of the run's params (secret params count by name only): equal digests deploy the same thing.
    public var paramsDigest: String

    /// The prefix of every deploy tag.
    public static let tagPrefix = "sparkdeploy-"

    /// A new identity with a fresh deploy id.
    public init(recipe: String, paramsDigest: String, now: Date = Date()) {
        // Plain arithmetic, not Calendar: a run must not load ICU's time zone data to name itself (start-up).
        let stamp = UTCDateTime(epochSeconds: now.timeIntervalSince1970.rounded(.down)).basicISO8601.lowercased()
        let hex = String(UInt32.random(in: 0..<0x100_0000), radix: 16)
        let random = String(repeating: "0", count: 6 - hex.count) + hex
        self.deployID = "\(stamp)-\(random)"
        self.recipe = recipe
        self.paramsDigest = paramsDigest
    }

    /// The digest of no params: the first 16 hex digits of SHA-256 over nothing.
    static let noParamsDigest = "e3b0c44298fc1c14"

    /// The first 16 hex digits of SHA-256 over the params sorted by name (`name=value` lines; a secret's
    /// value replaced by a marker, so the digest never reveals it).
    public static func digest(of params: [String: LuaValue], secret: Set<String>) -> String {
        // `exec` and param-less recipes: no hashing, so their start-up never initialises the crypto library.
        guard !params.isEmpty else { return noParamsDigest }
        let lines = params.keys.sorted().map { key in
            "\(key)=\(secret.contains(key) ? "<secret>" : GlobalsModule.render(params[key] ?? .nil))"
        }
        let hash = SHA256.hash(data: Array(lines.concatenated(separator: "\n").utf8))
        return Hex.encode(hash.prefix(8))
    }
}
