import ClusterSimulator
import Foundation
import SparkDeployCore
import Synchronization
import Testing

/// Runs the built binary and acts the first time a text appears in its output (a log line, a
/// `print`), so a signal lands at a known point of the run rather than after a guessed delay.
struct WatchedRun: Sendable {
    /// What the process printed and how it exited.
    var result: CLIResult
    /// Whether the text appeared (and the action ran).
    var fired: Bool
    /// Seconds from start to exit.
    var elapsed: Double

    /// Runs `arguments`; when `marker` first appears on stdout or stderr, `action` runs on a thread
    /// of its own. The process is killed after `limit` seconds so a test fails instead of hanging.
    static func run(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], limit: Double = 60,
        when marker: String, then action: @escaping @Sendable (Process) -> Void
    ) throws -> WatchedRun {
        try run(arguments, in: directory, environment: environment, limit: limit, whenAll: [marker], then: action)
    }

    /// Runs `arguments`; once every one of `markers` has appeared (on stdout or stderr), `action`
    /// runs on a thread of its own. The process is killed after `limit` seconds.
    static func run(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], limit: Double = 60,
        whenAll markers: [String], then action: @escaping @Sendable (Process) -> Void
    ) throws -> WatchedRun {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? CLI.packageRoot
        process.environment = CLI.processEnvironment(environment)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let buffers = Buffers()
        let closed = DispatchGroup()
        for (pipe, isError) in [(out, false), (err, true)] {
            closed.enter()
            pipe.fileHandleForReading.readabilityHandler = { handle in
                let data = handle.availableData
                if data.isEmpty {
                    handle.readabilityHandler = nil
                    closed.leave()
                    return
                }
                if buffers.append(data, isError: isError, watching: markers) {
                    Thread.detachNewThread { action(process) }
                }
            }
        }
        let started = Date()
        try process.run()
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + limit) { if process.isRunning { kill(pid, SIGKILL) } }
        process.waitUntilExit()
        _ = closed.wait(timeout: .now() + 10)
        let (stdout, stderr, fired) = buffers.contents
        return WatchedRun(
            result: CLIResult(status: process.terminationStatus, stdout: stdout, stderr: stderr),
            fired: fired, elapsed: Date().timeIntervalSince(started))
    }

    /// ``run(_:in:environment:limit:when:then:)`` on a thread of its own, so that waiting never
    /// blocks a Swift concurrency worker an in-process simulator needs.
    static func runDetached(
        _ arguments: [String], environment: [String: String] = [:], when marker: String,
        then action: @escaping @Sendable (Process) -> Void
    ) async throws -> WatchedRun {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                do { continuation.resume(returning: try run(arguments, environment: environment, when: marker, then: action)) } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    /// The output read so far, and whether the marker was seen.
    private final class Buffers: Sendable {
        private struct State {
            var stdout = Data()
            var stderr = Data()
            var fired = false
        }
        private let state = Mutex(State())

        /// Appends `data`; true exactly once, when every one of `markers` has appeared in the output.
        func append(_ data: Data, isError: Bool, watching markers: [String]) -> Bool {
            state.withLock { state in
                if isError { state.stderr.append(data) } else { state.stdout.append(data) }
                guard !state.fired else { return false }
                let text = String(decoding: state.stdout, as: UTF8.self) + String(decoding: state.stderr, as: UTF8.self)
                state.fired = markers.allSatisfy { text.contains($0) }
                return state.fired
            }
        }

        var contents: (String, String, Bool) {
            state.withLock { (String(decoding: $0.stdout, as: UTF8.self), String(decoding: $0.stderr, as: UTF8.self), $0.fired) }
        }
    }
}
