import Foundation

/// spark-submit's documented options, read from Spark 4.3.0's own `spark-submit --help` (the fixture
/// `spark-submit-4.3.0-help.txt`): each option, whether it takes a value, and the section that limits it
/// ("Spark on YARN only", "Spark standalone only"…; `nil` for the general options).
struct SparkSubmitDocumentedOptions {
    /// One documented option.
    struct Option: Equatable {
        var takesValue: Bool
        var section: String?
    }

    /// By name (`--queue`, and the short alias `-c`).
    var options: [String: Option] = [:]

    init(help: String) {
        var section: String?
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasSuffix(":"), !trimmed.hasPrefix("-"), line.hasPrefix(" ") || trimmed == "Options:" {
                section = trimmed == "Options:" ? nil : String(trimmed.dropLast())
                continue
            }
            // `  --name NAME   A name…`, `  --conf, -c PROP=VALUE   …`, `  --verbose, -v   …`
            guard trimmed.hasPrefix("--") else { continue }
            let head = trimmed.components(separatedBy: "  ")[0]
            let words = head.split(separator: " ").map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: ",")) }
            let names = words.filter { $0.hasPrefix("-") }
            let takesValue = words.contains { !$0.hasPrefix("-") && !$0.isEmpty }
            for name in names { options[name] = Option(takesValue: takesValue, section: section) }
        }
    }

    /// Whether an option of `section` applies to a YARN submission in cluster mode.
    static func appliesToYARNCluster(_ section: String?) -> Bool {
        guard let section else { return true }
        return section.contains("YARN") || section == "Cluster deploy mode only"
    }
}
