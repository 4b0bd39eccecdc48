import Foundation

/// Runs the built `sparkdeploy` binary as a user would, in a scratch directory.
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
    var output: String { stdout + stderr }
}

enum CLI {
    /// The package root, from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The debug binary `swift build` produced.
    static var binary: URL {
        let candidates = [
            ".build/debug/sparkdeploy", ".build/x86_64-unknown-linux-gnu/debug/sparkdeploy",
            ".build/aarch64-unknown-linux-gnu/debug/sparkdeploy",
        ]
        for candidate in candidates {
            let url = packageRoot.appendingPathComponent(candidate)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return packageRoot.appendingPathComponent(candidates[0])
    }

    /// A fresh directory with a `recipes/` folder holding `files` (name → source).
    static func workspace(_ files: [String: String] = [:]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sparkdeploy-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("recipes/lib"), withIntermediateDirectories: true)
        for (name, source) in files {
            let url = dir.appendingPathComponent("recipes").appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try source.write(to: url, atomically: true, encoding: .utf8)
        }
        return dir
    }

    /// The environment a run of the binary gets: this process's, as CI (`CI=true`, not GitHub Actions), plus `extra`.
    static func processEnvironment(_ extra: [String: String]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["CI"] = "true"
        env.removeValue(forKey: "GITHUB_ACTIONS")
        for (key, value) in extra { env[key] = value }
        return env
    }

    /// Runs the binary; `onStart` gets the process (e.g. to send a signal).
    static func run(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
        onStart: ((Process) -> Void)? = nil
    ) throws -> CLIResult {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? packageRoot
        process.environment = processEnvironment(environment)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        onStart?(process)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIResult(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}

extension CLI {
    /// Runs the binary on a thread of its own, so that waiting for it never blocks a Swift
    /// concurrency worker (an in-process simulator serving the binary needs those workers).
    static func runDetached(
        _ arguments: [String], in directory: URL? = nil,
        environment: [String: String] = [:]
    ) async throws -> CLIResult {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do { continuation.resume(returning: try run(arguments, in: directory, environment: environment)) } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.start()
        }
    }
}
