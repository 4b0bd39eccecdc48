import Foundation
import LuaHost
import SparkDeployCore
import Synchronization

/// Runs one process for a host function (`exec.run`, `yarn.spark_submit`) with Foundation's `Process`: no
/// shell, stdout and stderr together, a time limit and the run's cancellation, both of which stop the
/// process's whole process group (SIGTERM, then SIGKILL two seconds later), so that the children it
/// started (a JVM's Python driver, say) end with it.
public enum ProcessRun {
    /// How a process ended.
    public struct Result: Sendable {
        /// Its exit status (128 + the signal when a signal ended it).
        public var code: Int32
        /// Its stdout and stderr, as it wrote them (at most the limit).
        public var output: String
        /// Wall seconds it ran.
        public var seconds: Double
    }

    /// Who runs the process, for messages and error codes: `exec.run` and `exec.*` codes, or
    /// `yarn.spark_submit` and `spark_submit.*`.
    public struct Caller: Sendable {
        /// The host function named in messages (`exec.run`).
        public var function: String
        /// The prefix of error codes (`exec` → `exec.timeout`, `exec.notFound`, `exec.start`).
        public var codePrefix: String

        /// Creates a caller.
        public init(function: String, codePrefix: String) {
            self.function = function
            self.codePrefix = codePrefix
        }

        /// `exec.run`.
        public static let exec = Caller(function: "exec.run", codePrefix: "exec")
    }

    /// Runs `cmd` (a path, or a name looked up in PATH) with `args`; throws a timeout error when it
    /// outlives `timeout`, a cancellation error when `token` is cancelled (its process group is killed either way).
    ///
    /// - Parameters:
    ///   - environment: the process's whole environment; `nil` inherits this process's.
    ///   - onLine: called with each line of output as it arrives (on another thread), without its line break.
    public static func run(
        _ cmd: String, _ args: [String], timeout: Double, token: CancellationToken, limit: Int,
        environment: [String: String]? = nil, caller: Caller = .exec, onLine: (@Sendable (Substring) -> Void)? = nil
    ) throws(HostError) -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["--", cmd] + args
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        let collected = Mutex(OutputBuffer(limit: limit))
        let drained = DispatchSemaphore(value: 0)
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            let lines = collected.withLock { $0.append(data) }
            if let onLine { for line in lines { onLine(line) } }
            if data.isEmpty {
                handle.readabilityHandler = nil
                drained.signal()
            }
        }
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        let started = Date()
        do { try process.run() } catch {
            pipe.fileHandleForReading.readabilityHandler = nil
            throw HostError(
                kind: .failed, message: "\(caller.function): cannot start '\(cmd)': \(error.localizedDescription)",
                code: "\(caller.codePrefix).start")
        }
        var stop: HostError?
        while ended.wait(timeout: .now() + 0.1) == .timedOut {
            if token.isCancelled {
                stop = HostError(kind: .cancelled, message: "\(caller.function): \(token.reason?.description ?? "cancelled")")
            } else if Date().timeIntervalSince(started) > timeout {
                stop = HostError(
                    kind: .timeout,
                    message: "\(caller.function): '\(cmd)' did not finish within \(WaitText.whole(timeout)) s; killed",
                    code: "\(caller.codePrefix).timeout")
            }
            guard stop != nil else { continue }
            stopGroup(of: process, ended: ended)
            break
        }
        _ = drained.wait(timeout: .now() + 2)
        pipe.fileHandleForReading.readabilityHandler = nil
        if let stop { throw stop }
        let code = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        let output = String(decoding: collected.withLock { $0.kept }, as: UTF8.self)
        if code == 127, output.contains("No such file or directory") || output.contains("not found") {
            throw HostError(
                kind: .failed, message: "\(caller.function): no program '\(cmd)' (not a path, not in PATH)",
                code: "\(caller.codePrefix).notFound")
        }
        return Result(code: code, output: output, seconds: Date().timeIntervalSince(started))
    }

    /// Stops the process and everything in its process group (Foundation starts each child as the leader of
    /// a group of its own): SIGTERM, up to two seconds for the leader to end, then SIGKILL for whatever is left.
    static func stopGroup(of process: Process, ended: DispatchSemaphore) {
        let group = process.processIdentifier
        guard group > 0 else { return }
        if kill(-group, SIGTERM) != 0 { process.terminate() }
        _ = ended.wait(timeout: .now() + 2)
        kill(-group, SIGKILL)
    }
}

/// A process's output as it arrives: the first `limit` bytes kept, and the complete lines of each chunk
/// handed out (a line cut between chunks waits for its end; the last one comes with the end of the output).
struct OutputBuffer {
    let limit: Int
    private(set) var kept = Data()
    private var partial = Data()

    init(limit: Int) { self.limit = limit }

    /// Adds a chunk (empty: the end of the output) and returns the lines it completed.
    mutating func append(_ data: Data) -> [Substring] {
        if kept.count < limit { kept.append(data.prefix(limit - kept.count)) }
        guard !data.isEmpty else {
            defer { partial = Data() }
            return partial.isEmpty ? [] : [Substring(String(decoding: partial, as: UTF8.self))]
        }
        partial.append(data)
        guard let lastBreak = partial.lastIndex(of: UInt8(ascii: "\n")) else {
            // A line longer than the limit is handed out in pieces rather than held without end.
            if partial.count > limit {
                defer { partial = Data() }
                return [Substring(String(decoding: partial, as: UTF8.self))]
            }
            return []
        }
        let complete = String(decoding: partial[partial.startIndex..<lastBreak], as: UTF8.self)
        partial = Data(partial[(lastBreak + 1)...])
        return complete.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
    }
}
