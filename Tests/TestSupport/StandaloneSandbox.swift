import Foundation

/// `sparkdeploy sandbox …` in a process of its own, and the `export` lines it printed before serving
/// (endpoints, credentials, lock store, clock). Stopped when released.
public final class StandaloneSandbox {
    /// The sandbox process.
    public let process = Process()
    /// The variables it exported, by name.
    public let environment: [String: String]

    /// Starts `binary sandbox arguments…` in `directory` and waits for its "# sandbox serving" line.
    public init(binary: URL, arguments: [String], directory: URL? = nil) throws {
        process.executableURL = binary
        process.arguments = ["sandbox"] + arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var pending = ""
        while !pending.contains("# sandbox serving") {
            let data = out.fileHandleForReading.availableData
            if data.isEmpty { break }
            pending += String(decoding: data, as: UTF8.self)
        }
        var environment: [String: String] = [:]
        for line in pending.split(separator: "\n") where line.hasPrefix("export ") {
            let assignment = line.dropFirst("export ".count)
            guard let eq = assignment.firstIndex(of: "=") else { continue }
            environment[String(assignment[..<eq])] = String(assignment[assignment.index(after: eq)...])
        }
        self.environment = environment
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }
}
