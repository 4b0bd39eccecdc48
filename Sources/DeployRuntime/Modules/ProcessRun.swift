import Foundation
import LuaHost
import SparkDeployCore
import Synchronization

/// Runs one process for `exec.run` with Foundation's `Process`: no shell, stdout and stderr
/// together, a time limit that terminates it (then kills it), and the run's cancellation.
enum ProcessRun {
    /// How a process ended.
    struct Result: Sendable {
        /// Its exit status (128 + the signal when a signal ended it).
        var code: Int32
        /// Its stdout and stderr, as it wrote them (at most the limit).
        var output: String
        /// Wall seconds it ran.
        var seconds: Double
    }

    /// Runs `cmd` (a path, or a name looked up in PATH) with `args`; throws a timeout error when it
    /// outlives `timeout`, a cancellation error when `token` is cancelled (the process is killed either way).
    static func run(_ cmd: String, _ args: [String], timeout: Double, token: CancellationToken, limit: Int) throws(HostError) -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["--", cmd] + args
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        let collected = Mutex(Data())
        let drained = DispatchSemaphore(value: 0)
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                drained.signal()
                return
            }
            collected.withLock { if $0.count < limit { $0.append(data.prefix(limit - $0.count)) } }
        }
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        let started = Date()
        do { try process.run() } catch {
            pipe.fileHandleForReading.readabilityHandler = nil
            throw HostError(kind: .failed, message: "exec.run: cannot start '\(cmd)': \(error.localizedDescription)", code: "exec.start")
        }
        var stop: HostError?
        while ended.wait(timeout: .now() + 0.1) == .timedOut {
            if token.isCancelled {
                stop = HostError(kind: .cancelled, message: "exec.run: \(token.reason?.description ?? "cancelled")")
            } else if Date().timeIntervalSince(started) > timeout {
                stop = HostError(
                    kind: .timeout, message: "exec.run: '\(cmd)' did not finish within \(WaitText.whole(timeout)) s; killed",
                    code: "exec.timeout")
            }
            guard stop != nil else { continue }
            process.terminate()
            if ended.wait(timeout: .now() + 2) == .timedOut { kill(process.processIdentifier, SIGKILL) }
            break
        }
        _ = drained.wait(timeout: .now() + 2)
        pipe.fileHandleForReading.readabilityHandler = nil
        if let stop { throw stop }
        let code = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        let output = String(decoding: collected.withLock { $0 }, as: UTF8.self)
        if code == 127, output.contains("No such file or directory") || output.contains("not found") {
            throw HostError(kind: .failed, message: "exec.run: no program '\(cmd)' (not a path, not in PATH)", code: "exec.notFound")
        }
        return Result(code: code, output: output, seconds: Date().timeIntervalSince(started))
    }
}
