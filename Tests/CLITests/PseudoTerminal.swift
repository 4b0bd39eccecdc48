import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The built `sparkdeploy` binary on a pseudo-terminal of its own, as a user at a terminal runs it: the
/// terminal is its controlling terminal (Ctrl-C typed there is SIGINT), keys are bytes written to the
/// master side, and everything it prints (both streams, and the terminal's own echo) is read back.
final class PseudoTerminal: @unchecked Sendable {
    /// Why the binary could not be started on a terminal.
    struct StartFailure: Error, CustomStringConvertible {
        /// The step that failed and its errno.
        var description: String
    }

    private let master: Int32
    /// The child's process id.
    let pid: pid_t
    private let received = Mutex<[UInt8]>([])
    private let exitStatus = Mutex<Int32?>(nil)

    /// Starts `sparkdeploy arguments` in `directory` on a new 80×24 terminal, with `environment` added
    /// to this process's (`HOME` should point somewhere disposable: the REPL keeps its history there).
    init(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws {
        guard let glibc = GNUExtensions() else { throw StartFailure(description: "glibc's pty functions not found") }
        let master = glibc.posixOpenpt(O_RDWR | O_NOCTTY)
        guard master >= 0, glibc.grantpt(master) == 0, glibc.unlockpt(master) == 0, let name = glibc.ptsname(master) else {
            throw StartFailure(description: "could not open a pseudo-terminal (errno \(errno))")
        }
        self.master = master
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        var size = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        let slavePath = String(cString: name)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Opened without O_NOCTTY by a session leader: it becomes the child's controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        _ = glibc.addClosefrom(&actions, 3)  // other tests' pipes stay theirs
        _ = glibc.addChdir(&actions, directory.path)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGQUIT, SIGPIPE, SIGHUP] { sigaddset(&defaults, signal) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(GNUExtensions.spawnSetsid | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var env = CLI.processEnvironment(environment)
        env["TERM"] = "xterm"
        let binary = CLI.binary.path
        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, binary, &actions, &attributes, argv, envp)
        guard status == 0 else {
            close(master)
            throw StartFailure(description: "posix_spawn \(binary) failed (errno \(status))")
        }
        pid = child
        let thread = Thread { [self] in self.readUntilClosed() }
        thread.start()
    }

    deinit { close(master) }

    /// Everything the terminal showed so far.
    var output: String { String(decoding: received.withLock { $0 }, as: UTF8.self) }

    /// Types `text` (control characters and escape sequences included) at the terminal.
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Waits until the output holds `text` `count` times; false after `timeout` seconds.
    @discardableResult
    func waitFor(_ text: String, count: Int = 1, timeout: Double = 10) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        while Date() < deadline {
            if output.components(separatedBy: text).count - 1 >= count { return true }
            usleep(10_000)
        }
        return false
    }

    /// Waits until the terminal's signal keys are `on` (cooked mode: the REPL evaluating a chunk) or off
    /// (raw mode: the line editor waiting for a key); on Linux the master reads the terminal's settings.
    @discardableResult
    func waitForSignalKeys(_ on: Bool, timeout: Double = 10) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        while Date() < deadline {
            var mode = termios()
            if tcgetattr(master, &mode) == 0, (mode.c_lflag & tcflag_t(ISIG) != 0) == on { return true }
            usleep(5_000)
        }
        return false
    }

    /// Waits for the child to exit; its exit status, or nil if it still runs after `timeout` seconds.
    func waitForExit(timeout: Double = 10) -> Int32? {
        let deadline = Date(timeIntervalSinceNow: timeout)
        while Date() < deadline {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
                exitStatus.withLock { $0 = code }
                return code
            }
            if let known = exitStatus.withLock({ $0 }) { return known }
            usleep(10_000)
        }
        return nil
    }

    /// Kills the child if it still runs and reaps it.
    func stop() {
        guard waitForExit(timeout: 0) == nil else { return }
        kill(pid, SIGKILL)
        _ = waitForExit(timeout: 5)
    }

    private func readUntilClosed() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }  // EIO once the child's side is closed
            received.withLock { $0.append(contentsOf: buffer[0..<count]) }
        }
    }
}

/// The glibc functions Swift's Glibc module leaves out (they need `_GNU_SOURCE` / `_XOPEN_SOURCE`), looked up
/// in the C library already loaded.
private struct GNUExtensions {
    /// `POSIX_SPAWN_SETSID` (glibc's value).
    static let spawnSetsid: Int32 = 0x80

    let posixOpenpt: @convention(c) (Int32) -> Int32
    let grantpt: @convention(c) (Int32) -> Int32
    let unlockpt: @convention(c) (Int32) -> Int32
    let ptsname: @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
    let addClosefrom: @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    let addChdir: @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    init?() {
        func symbol<T>(_ name: String, as type: T.Type) -> T? {
            guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
            return unsafeBitCast(address, to: type)
        }
        guard let posixOpenpt = symbol("posix_openpt", as: (@convention(c) (Int32) -> Int32).self),
            let grantpt = symbol("grantpt", as: (@convention(c) (Int32) -> Int32).self),
            let unlockpt = symbol("unlockpt", as: (@convention(c) (Int32) -> Int32).self),
            let ptsname = symbol("ptsname", as: (@convention(c) (Int32) -> UnsafeMutablePointer<CChar>?).self),
            let addClosefrom = symbol(
                "posix_spawn_file_actions_addclosefrom_np",
                as: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self),
            let addChdir = symbol(
                "posix_spawn_file_actions_addchdir_np",
                as: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32).self)
        else { return nil }
        (self.posixOpenpt, self.grantpt, self.unlockpt, self.ptsname) = (posixOpenpt, grantpt, unlockpt, ptsname)
        (self.addClosefrom, self.addChdir) = (addClosefrom, addChdir)
    }
}
