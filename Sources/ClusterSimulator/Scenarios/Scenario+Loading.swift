import Foundation

/// Why a scenario could not be loaded.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    /// The file or shipped name involved.
    public var source: String
    /// What was wrong.
    public var reason: String
    /// Human-readable summary.
    public var description: String { "scenario \(source): \(reason)" }
}

extension Scenario {
    /// Names of the scenarios shipped with the simulator (JSON resources), sorted.
    public static var shippedNames: [String] {
        guard let dir = shippedDirectory,
            let files = try? FileManager.default.contentsOfDirectory(atPath: dir.path)
        else { return [] }
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// The folder holding the shipped scenario files inside the resource bundle.
    static var shippedDirectory: URL? {
        Bundle.module.resourceURL?.appendingPathComponent("Shipped", isDirectory: true)
    }

    /// A shipped scenario by name (e.g. "rm-failover").
    /// - Throws: ``ScenarioError`` when no such scenario ships or it does not decode.
    public static func named(_ name: String, parameters: [String: String] = [:]) throws -> Scenario {
        guard shippedNames.contains(name), let url = shippedDirectory?.appendingPathComponent("\(name).json") else {
            if name == "standard" { return .standard }
            throw ScenarioError(source: name, reason: "no shipped scenario with this name; known: \(shippedNames)")
        }
        return try load(path: url.path, parameters: parameters)
    }

    /// Replaces every JSON string that is exactly `"${name}"` by the JSON string of `parameters[name]`,
    /// or by `null` when there is no such parameter. This is how a scenario says "the build being
    /// deployed" (`"build": "${jar}"`): `--sandbox` passes the recipe's params.
    public static func substitute(_ data: Data, parameters: [String: String]) -> Data {
        let text = String(decoding: data, as: UTF8.self)
        guard text.contains("${"), let regex = try? NSRegularExpression(pattern: #""\$\{([A-Za-z0-9_.-]+)\}""#) else { return data }
        var out = ""
        var last = text.startIndex
        for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let whole = Range(match.range, in: text), let key = Range(match.range(at: 1), in: text) else { continue }
            out += text[last..<whole.lowerBound]
            if let value = parameters[String(text[key])],
                let encoded = try? JSONEncoder().encode(value), let json = String(data: encoded, encoding: .utf8)
            {
                out += json
            } else {
                out += "null"
            }
            last = whole.upperBound
        }
        out += text[last...]
        return Data(out.utf8)
    }

    /// Loads a scenario from a JSON file.
    /// - Throws: ``ScenarioError`` naming the file and the decoding problem.
    public static func load(path: String, parameters: [String: String] = [:]) throws -> Scenario {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ScenarioError(source: path, reason: "cannot read: \(error.localizedDescription)")
        }
        return try decode(substitute(data, parameters: parameters), source: path)
    }

    /// Decodes a scenario from JSON bytes.
    /// - Throws: ``ScenarioError`` describing the decoding problem.
    public static func decode(_ data: Data, source: String = "<data>") throws -> Scenario {
        do {
            var scenario = try JSONDecoder().decode(Scenario.self, from: data)
            if scenario.name == "standard" && source.hasSuffix(".json") {
                scenario.name = URL(fileURLWithPath: source).deletingPathExtension().lastPathComponent
            }
            return scenario
        } catch let error as DecodingError {
            throw ScenarioError(source: source, reason: "invalid JSON scenario: \(error)")
        } catch {
            throw ScenarioError(source: source, reason: "\(error)")
        }
    }
}
