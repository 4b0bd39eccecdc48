import Foundation
import LuaHost

/// `lock(name)`: single-flight on this machine. Takes an exclusive `flock` on
/// `<lock folder>/<name>.lock` (``LockDirectory``: a folder only this user can enter, a file opened
/// without following symlinks) for the rest of the run, or fails at once naming the holder. Cross-runner protection comes from the recipes' own
/// checks of the cluster (a PENDING/RUNNING step of the same app refuses the deploy).
enum LockModule {
    static func module(_ context: RunContext?) -> HostModule {
        let held = HeldLocks()
        return HostModule(name: "_G", doc: "", functions: [
            HostFunction(FunctionSpec(module: "_G", name: "lock", params: [ParamSpec("name", .string)], returns: "string",
                                      doc: "Takes a machine-wide lock held until the run ends (taking it again in the same run is a no-op); fails at once if another run holds it.")) { call in
                guard let context else { return [] }
                let name = try call.string(1)
                let directory = LockDirectory.path(environment: context.environment)
                let safe = String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
                let path = (directory as NSString).appendingPathComponent(safe + ".lock")
                if held.holds(path) { return [.string(path)] }  // this run holds it already
                let fd: Int32
                do throws(LockDirectory.Refusal) {
                    try LockDirectory.prepare(directory)
                    fd = try LockDirectory.open(path)
                } catch {
                    throw HostError(kind: .failed, message: "lock \(name): \(error.message)", code: "LockRefused")
                }
                if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                    let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
                    close(fd)
                    throw HostError(kind: .failed, message: "another run holds the lock '\(name)' (\(holder.isEmpty ? "unknown holder" : holder)); refusing to run concurrently",
                                    code: "LockHeld")
                }
                let note = "pid \(getpid()) since \(RunLog.timestamp(Date().timeIntervalSince1970))\n"
                _ = ftruncate(fd, 0)
                _ = note.withCString { write(fd, $0, strlen($0)) }
                held.add(fd, path: path)
                context.log.log(.info, "lock taken", fields: ["lock": name])
                return [.string(path)]
            },
        ])
    }
}

/// File descriptors of the locks a run holds; closing them releases the locks.
private final class HeldLocks {
    private var descriptors: [String: Int32] = [:]
    func add(_ fd: Int32, path: String) { descriptors[path] = fd }
    func holds(_ path: String) -> Bool { descriptors[path] != nil }
    deinit { for fd in descriptors.values { close(fd) } }
}
