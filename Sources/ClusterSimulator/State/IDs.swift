import Foundation
import SparkDeployCore

/// Generates ids shaped like the real services' ids.
enum IDs {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

    /// `j-` + 13 uppercase alphanumerics, like `j-2AXXXXXXGAPLF`.
    static func cluster() -> String { "j-" + random(13) }
    /// `s-` + 13 uppercase alphanumerics.
    static func step() -> String { "s-" + random(13) }
    /// An EC2 instance id.
    static func instance() -> String { "i-0" + random(16).lowercased() }
    /// An instance group id.
    static func instanceGroup() -> String { "ig-" + random(13) }

    static func random(_ n: Int) -> String {
        var g = SystemRandomNumberGenerator()
        return String((0..<n).map { _ in alphabet[Int(g.next() % UInt64(alphabet.count))] })
    }

    /// `application_<clusterTimestamp>_<seq, 4 digits at least>`.
    static func app(clusterTimestamp: Int64, seq: Int) -> String {
        "application_\(clusterTimestamp)_\(DecimalText.padded(seq, width: 4))"
    }

    /// `appattempt_<clusterTimestamp>_<seq>_<attempt, 6 digits>`.
    static func attempt(appId: String, number: Int) -> String {
        appId.replacingOccurrences(of: "application_", with: "appattempt_") + "_" + DecimalText.padded(number, width: 6)
    }

    /// `container_<clusterTimestamp>_<seq>_<attempt 2 digits>_000001`.
    static func amContainer(appId: String, attempt: Int) -> String {
        appId.replacingOccurrences(of: "application_", with: "container_") + "_" + DecimalText.padded(attempt, width: 2) + "_000001"
    }
}
