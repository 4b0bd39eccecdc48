import Crypto
import Foundation
import LuaHost

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
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: now)
        let stamp = String(
            format: "%04d%02d%02dt%02d%02d%02dz", c.year ?? 0, c.month ?? 0, c.day ?? 0,
            c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
        let random = String(format: "%06x", UInt32.random(in: 0..<0x100_0000))
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
        return hash.prefix(8).map { String(format: "%02x", $0) }.joined()
    }
}
