import DeployRuntime
import Foundation
import Synchronization

/// The REPL's read-evaluate-print loop: reads lines (with the ``LineEditor`` on a terminal, plainly from a
/// pipe), gathers the lines of an incomplete chunk (prompt `>> `), hands chunks to the ``ReplSession`` and
/// prints what they return. SIGINT stops the chunk being evaluated, not the REPL.
final class ReplPrompt: Sendable {
    /// The prompt for a new chunk and for a continuation line (as the standard `lua` REPL).
    static let prompt = "> "
    static let continuationPrompt = ">> "

    private let session: ReplSession
    private let interrupted = Atomic<Bool>(false)

    /// A loop feeding `session`.
    init(session: ReplSession) { self.session = session }

    /// Runs until the input ends; returns the exit status (0; from a pipe, 1 at the first failing chunk
    /// and 130 when interrupted).
    func run() -> Int32 {
        let terminal = RawTerminal()
        catchInterrupts(interactive: terminal != nil)
        if let terminal { return interactive(terminal) }
        return plain()
    }

    private func interactive(_ terminal: RawTerminal) -> Int32 {
        print("sparkdeploy repl — Lua 5.4 with yarn, emr, json, log. `help` lists the modules; Ctrl-D exits.")
        fflush(nil)
        let session = self.session
        let editor = LineEditor(
            terminal: terminal, history: LineHistory(file: LineHistory.defaultFile()),
            complete: { session.completions(for: $0) })
        defer { editor.leaveRawMode() }
        var pending: [String] = []
        while true {
            switch editor.read(prompt: pending.isEmpty ? Self.prompt : Self.continuationPrompt) {
            case .endOfInput:
                return 0
            case .interrupted:
                pending = []
            case .line(let line):
                editor.history.add(line)
                if pending.isEmpty && line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                pending.append(line)
                // Ctrl-C becomes SIGINT again only once the chunk can be interrupted.
                let reply = session.submit(pending.joined(separator: "\n"), whenInterruptible: editor.leaveRawMode)
                guard case .finished(let output, _) = reply else { continue }
                pending = []
                if let output { print(output) }
                fflush(nil)
            }
        }
    }

    private func plain() -> Int32 {
        var pending: [String] = []
        while let line = readLine() {
            if pending.isEmpty && line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            pending.append(line)
            guard case .finished(let output, let failed) = session.submit(pending.joined(separator: "\n")) else { continue }
            pending = []
            if let output { print(output) }
            fflush(nil)
            if interrupted.load(ordering: .relaxed) { return 130 }
            if failed { return 1 }
        }
        guard !pending.isEmpty else { return 0 }
        if case .finished(let output, _) = session.submit(pending.joined(separator: "\n"), atEnd: true), let output {
            print(output)
        }
        return 1
    }

    /// SIGINT stops the chunk being evaluated. On a terminal, Ctrl-C while typing arrives as a key (the
    /// editor's raw mode) and a SIGINT between chunks is ignored; from a pipe, SIGINT ends the REPL (130).
    private func catchInterrupts(interactive: Bool) {
        let session = self.session
        InterruptPipe.install { [self] in
            if interactive {
                session.interrupt()
                return
            }
            interrupted.store(true, ordering: .relaxed)
            if !session.interrupt() { Foundation.exit(130) }
        }
    }
}
