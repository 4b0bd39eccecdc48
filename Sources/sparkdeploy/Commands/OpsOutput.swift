import ArgumentParser
import Foundation
import SparkDeployCore

/// `--output` of the everyday commands (`apps`, `kill`, `status`, `logs`, `steps`): a table for people,
/// JSON or tab-separated values for scripts.
enum OpsOutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// Aligned columns with a header (the default).
    case table
    /// The command's result as JSON, with its JSON types (numbers stay numbers).
    case json
    /// A header line, then one line per row, fields separated by tabs.
    case tsv
}

/// One column of a table: its header, the result field it shows, and how a person reads it.
struct OpsColumn: Sendable {
    /// How a field's value reads in a table (TSV and JSON keep the raw value).
    enum Style: Sendable {
        /// As it is.
        case plain
        /// Epoch seconds as a UTC date and time.
        case time
        /// Seconds as a duration (`1h02m`, `45s`).
        case duration
    }

    /// The header (`ID`, `STATE`).
    var header: String
    /// The field of the result's object.
    var key: String
    /// How a table shows it.
    var style: Style = .plain
}

/// How a command's result (decoded JSON) is laid out for `--output table|tsv`; JSON prints it as it is.
enum OpsLayout: Sendable {
    /// A list of objects, one row each.
    case rows([OpsColumn])
    /// One object, one `label: value` line per column in a table (one row in TSV).
    case record([OpsColumn])
    /// One object whose `key` field is a list of text lines, printed as they are (`logs`).
    case lines(key: String)
}

/// Renders the everyday commands' results.
enum OpsOutput {
    /// `result` (what the command's Lua chunk returned, decoded from JSON) in `format`, ending with a newline.
    static func render(_ result: Any, layout: OpsLayout, format: OpsOutputFormat) -> String {
        if format == .json { return json(normalised(result, layout: layout)) + "\n" }
        switch layout {
        case .rows(let columns):
            let rows = objects(in: result)
            let cells = rows.map { row in columns.map { cell(row[$0.key], style: format == .table ? $0.style : .plain) } }
            return format == .tsv ? tsv(columns, cells) : table(columns, cells)
        case .record(let columns):
            let row = result as? [String: Any] ?? [:]
            if format == .tsv { return tsv(columns, [columns.map { cell(row[$0.key], style: .plain) }]) }
            let width = columns.map(\.header.count).max() ?? 0
            return columns.compactMap { column -> String? in
                guard let value = row[column.key], !(value is NSNull) else { return nil }
                return column.header.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + cell(value, style: column.style)
            }.joined(separator: "\n") + "\n"
        case .lines(let key):
            let lines = (result as? [String: Any])?[key] as? [Any] ?? []
            return lines.map { cell($0, style: .plain) + "\n" }.joined()
        }
    }

    /// JSON text of `value`, keys sorted, indented.
    static func json(_ value: Any) -> String {
        guard JSONSerialization.isValidJSONObject(value) || value is NSNull || value is String || value is NSNumber,
            let data = try? JSONSerialization.data(
                withJSONObject: value, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes, .fragmentsAllowed])
        else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    /// A Lua chunk's result as `json.encode` wrote it, decoded; nil when it is not JSON.
    static func decode(_ text: String) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    /// Fields that hold lists: Lua cannot tell an empty list from an empty object, and `json.encode` writes `{}`.
    static let listFields: Set<String> = ["tags", "args", "lines", "others", "failure_reasons", "states", "ids"]

    /// The result with its JSON types right: a rows result is always a list, an empty list field is `[]`.
    private static func normalised(_ result: Any, layout: OpsLayout) -> Any {
        if case .rows = layout { return objects(in: result).map(listsFixed) }
        return (result as? [String: Any]).map(listsFixed) ?? result
    }

    private static func listsFixed(_ object: [String: Any]) -> [String: Any] {
        var fixed = object
        for (key, value) in object {
            if listFields.contains(key), let empty = value as? [String: Any], empty.isEmpty {
                fixed[key] = [Any]()
            } else if let nested = value as? [String: Any] {
                fixed[key] = listsFixed(nested)
            }
        }
        return fixed
    }

    private static func objects(in result: Any) -> [[String: Any]] {
        (result as? [Any])?.compactMap { $0 as? [String: Any] } ?? []
    }

    private static func table(_ columns: [OpsColumn], _ cells: [[String]]) -> String {
        let widths = columns.indices.map { index in
            max(columns[index].header.count, cells.map { $0[index].count }.max() ?? 0)
        }
        func line(_ fields: [String]) -> String {
            var text = ""
            for (index, field) in fields.enumerated() {
                text += index == fields.count - 1 ? field : field.padding(toLength: widths[index], withPad: " ", startingAt: 0) + "  "
            }
            return text
        }
        return ([line(columns.map(\.header))] + cells.map(line)).joined(separator: "\n") + "\n"
    }

    private static func tsv(_ columns: [OpsColumn], _ cells: [[String]]) -> String {
        let clean = { (field: String) in field.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ") }
        return ([columns.map(\.key)] + cells).map { $0.map(clean).joined(separator: "\t") }.joined(separator: "\n") + "\n"
    }

    /// One value as a table or TSV shows it (text from a cluster has its control characters escaped).
    private static func cell(_ value: Any?, style: OpsColumn.Style) -> String {
        guard let value, !(value is NSNull) else { return style == .plain ? "" : "-" }
        if let number = value as? NSNumber, !isBoolean(number) {
            switch style {
            case .time: return time(number.doubleValue)
            case .duration: return duration(number.doubleValue)
            case .plain: return number.stringValue
            }
        }
        if let number = value as? NSNumber { return number.boolValue ? "true" : "false" }
        if let text = value as? String { return OutsideText.escapingControls(text) }
        if let list = value as? [Any] { return list.map { cell($0, style: .plain) }.joined(separator: ",") }
        return OutsideText.escapingControls(json(value).replacingOccurrences(of: "\n", with: " "))
    }

    /// Whether JSON decoded this number from `true` or `false` (its Objective-C type is `char`).
    private static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }

    private static func time(_ epochSeconds: Double) -> String {
        guard epochSeconds > 0 else { return "-" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss'Z'"
        return formatter.string(from: Date(timeIntervalSince1970: epochSeconds))
    }

    private static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "-" }
        let total = Int(seconds.rounded(.down))
        let (hours, minutes, secs) = (total / 3600, (total % 3600) / 60, total % 60)
        if hours > 0 { return "\(hours)h\(DecimalText.padded(minutes, width: 2))m" }
        if minutes > 0 { return "\(minutes)m\(DecimalText.padded(secs, width: 2))s" }
        return "\(secs)s"
    }
}
