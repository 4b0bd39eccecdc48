import Foundation

/// A parsed AWS shared config or credentials file (INI): sections of `key = value`, with
/// indented sub-keys (`emr =` / `  endpoint_url = …`) stored as `emr.endpoint_url`.
public struct ProfileFile: Sendable, Equatable {
    /// Which file format: they name profile sections differently.
    public enum Kind: Sendable {
        /// `~/.aws/config`: `[default]`, `[profile name]`, `[services name]`.
        case config
        /// `~/.aws/credentials`: `[name]`.
        case credentials
    }

    /// Section title (as written between brackets, trimmed) → properties.
    public var sections: [String: [String: String]]
    /// The format.
    public var kind: Kind
    /// The path read (for error messages).
    public var path: String

    /// Parses `text`.
    public init(text: String, kind: Kind, path: String = "-") {
        self.kind = kind
        self.path = path
        var sections: [String: [String: String]] = [:]
        var current: String?
        var parentKey: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = String(rawLine)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            if trimmed.hasPrefix("["), let close = trimmed.firstIndex(of: "]") {
                let title = trimmed[trimmed.index(after: trimmed.startIndex)..<close]
                    .split(whereSeparator: \.isWhitespace).joined(separator: " ")
                current = title
                parentKey = nil
                if sections[title] == nil { sections[title] = [:] }
                continue
            }
            guard let section = current, let equals = trimmed.firstIndex(of: "=") else { continue }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
            var value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            // An inline comment needs whitespace before the `#` (as botocore's parser).
            if let comment = value.range(of: " #") ?? value.range(of: "\t#") {
                value = value[..<comment.lowerBound].trimmingCharacters(in: .whitespaces)
            }
            let indented = line.first?.isWhitespace ?? false
            if indented, let parent = parentKey {
                sections[section]?["\(parent).\(key)"] = value
            } else {
                sections[section]?[key] = value
                parentKey = value.isEmpty ? key : nil
            }
        }
        self.sections = sections
    }

    /// Reads and parses `path`; a missing file is an empty one.
    /// - Throws: ``CredentialError`` when the file exists but cannot be read as UTF-8.
    public static func load(path: String, kind: Kind) throws -> ProfileFile {
        guard FileManager.default.fileExists(atPath: path) else { return ProfileFile(text: "", kind: kind, path: path) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CredentialError(
                source: kind == .config ? "config-file" : "shared-credentials-file",
                reason: "cannot read \(path)")
        }
        return ProfileFile(text: String(decoding: data, as: UTF8.self), kind: kind, path: path)
    }

    /// The properties of profile `name`, or `nil` when the file has no such profile.
    public func profile(_ name: String) -> [String: String]? {
        switch kind {
        case .credentials:
            return sections[name]
        case .config:
            if let section = sections["profile \(name)"] { return section }
            return name == "default" ? sections["default"] : nil
        }
    }

    /// The properties of `[services name]` (config file only).
    public func services(_ name: String) -> [String: String]? {
        sections["services \(name)"]
    }
}
