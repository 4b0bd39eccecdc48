import Foundation

/// Turns SIGINT into a call on an ordinary thread: the handler only writes a byte to a pipe (async-signal-safe)
/// and a thread of its own reads the pipe and calls back. Used by the REPL instead of ``Signals`` (whose first
/// SIGINT cancels the run and whose second exits the process): there every Ctrl-C stops one chunk, no more.
enum InterruptPipe {
    /// The pipe's write end, set before the handler is installed (the handler only reads it).
    nonisolated(unsafe) private static var writeEnd: Int32 = -1

    /// Calls `onInterrupt` (on a thread of its own) for each SIGINT from now on. Returns false when no pipe
    /// could be made (SIGINT then keeps its default action).
    @discardableResult
    static func install(_ onInterrupt: @escaping @Sendable () -> Void) -> Bool {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return false }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        let readEnd = ends[0]
        writeEnd = ends[1]
        let thread = Thread {
            var byte: UInt8 = 0
            while true {
                let count = read(readEnd, &byte, 1)
                if count < 0 && errno == EINTR { continue }
                guard count == 1 else { return }
                onInterrupt()
            }
        }
        thread.name = "sparkdeploy.sigint"
        thread.start()
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            var byte: UInt8 = 1
            _ = write(InterruptPipe.writeEnd, &byte, 1)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        return sigaction(SIGINT, &action, nil) == 0
    }
}
