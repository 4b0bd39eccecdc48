import Foundation
import LuaHost
import SparkDeployCore

/// The REPL's Lua state and what it does with a chunk; lives on the session's thread (``ReplSession``).
final class ReplEngine {
    /// The chunk name errors show: `stdin:1: …`, as in the standard `lua` REPL.
    static let chunkName = "=stdin"

    private let state: LuaState
    private let context: RunContext
    private let completer: ReplCompleter

    /// Builds the state (modules, sandbox, prelude), then `help` and the completer.
    init(configuration: RunConfiguration) throws(LuaError) {
        context = RecipeRunner.makeContext(configuration, token: CancellationToken())
        state = try RecipeRunner.prepareState(configuration, context: context)
        state.setSandboxGlobal("params", .map([:]))
        let modules = RecipeRunner.modules(context: nil, providers: configuration.providers)
        try ReplHelp.install(in: state, modules: modules)
        completer = try ReplCompleter(state: state, modules: modules)
    }

    /// Compiles `input` as the standard `lua` REPL does: `=expr` and a bare expression print their value
    /// (`return ` is tried first); a chunk whose syntax error ends in `<eof>` is incomplete (unless
    /// `atEnd`). Runs it with `token` as the run's cancellation token.
    func evaluate(_ input: String, atEnd: Bool, token: CancellationToken) -> ReplSession.Reply {
        var code = input
        if code.hasPrefix("=") { code = "return " + code.dropFirst() }
        if code.trimmingCharacters(in: .whitespaces) == "help" { code = "help()" }
        let function: LuaFunctionRef
        if let asExpression = try? state.load("return " + code, chunkName: Self.chunkName, sandboxed: true) {
            function = asExpression
        } else {
            do {
                function = try state.load(code, chunkName: Self.chunkName, sandboxed: true)
            } catch {
                let error = LuaError.wrap(error)
                if !atEnd, error.kind == .syntax, error.message.hasSuffix("<eof>") { return .incomplete }
                return .finished(output: error.message, failed: true)
            }
        }
        defer { state.release(function) }
        return run(function, token: token)
    }

    /// The completions of `word` (see ``ReplSession/completions(for:)``).
    func completions(for word: String) -> [String] {
        state.clearCancellation()
        return completer.completions(for: word)
    }

    private func run(_ function: LuaFunctionRef, token: CancellationToken) -> ReplSession.Reply {
        // A fresh token per chunk: Ctrl-C stops this chunk, not the session.
        state.clearCancellation()
        context.token = token
        let canceller = state.canceller
        let observer = token.onCancel { reason in canceller.cancel(message: reason.description) }
        defer {
            token.removeObserver(observer)
            state.clearCancellation()
        }
        do {
            let results = try state.call(function)
            if token.isCancelled { return .finished(output: "interrupted", failed: true) }
            return .finished(output: results.isEmpty ? nil : results.map(GlobalsModule.render).joined(separator: "\t"), failed: false)
        } catch {
            if token.isCancelled { return .finished(output: "interrupted", failed: true) }
            return .finished(output: LuaError.wrap(error).message, failed: true)
        }
    }
}
