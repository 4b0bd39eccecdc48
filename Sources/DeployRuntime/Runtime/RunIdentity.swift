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
        let seconds = Int(now.timeIntervalSince1970)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let (year, month, day) = HTTPDate.civil(fromDays: days)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let stamp = "\(year)\(two(month))\(two(day))t\(two(rest / 3600))\(two(rest % 3600 / 60))\(two(rest % 60))z"
        let hex = String(UInt32.random(in: 0..<0x100_0000), radix: 16)
        let random = String(repeating: "0", count: 6 - hex.count) + hex
        self.deployID = "\(stamp)-\(random)"
        self.recipe = recipe
        self.paramsDigest = paramsDigest
    }

    /// The first 16 hex digits of SHA-256 over the params sorted by name (`name=value` lines; a secret's
    /// value replaced by a marker, so the digest never reveals it).
    public static func digest(of params: [String: LuaValue], secret: Set<String>) -> String {
        let lines = params.keys.sorted().map { key in
            "\(key)=\(secret.contains(key) ? "<secret>" : GlobalsModule.render(params[key] ?? .nil))"
        }
        let hash = SHA256.hash(data: Data(lines.joined(separator: "\n").utf8))
        return Hex.encode(hash.prefix(8))
    }
}
