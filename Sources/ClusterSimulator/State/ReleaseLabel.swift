/// An EMR release label (`emr-6.15.0`) ordered by its numeric version.
struct ReleaseLabel: Comparable, Sendable {
    var parts: [Int]

    init(_ label: String) {
        let version = label.hasPrefix("emr-") ? String(label.dropFirst(4)) : label
        parts = version.split(separator: ".").map { Int($0.prefix { $0.isNumber }) ?? 0 }
    }

    static func < (lhs: ReleaseLabel, rhs: ReleaseLabel) -> Bool {
        for i in 0..<max(lhs.parts.count, rhs.parts.count) {
            let a = i < lhs.parts.count ? lhs.parts[i] : 0
            let b = i < rhs.parts.count ? rhs.parts[i] : 0
            if a != b { return a < b }
        }
        return false
    }
}
