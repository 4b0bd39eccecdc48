import Foundation
import LuaHost
import SparkDeployCore

/// The `now: …` line every exit of a run ends with (0, 1, 3, 130): what the recipe's
/// `describe_now(fn)` says runs now. The function is called once, after the chunk ended, with a
/// budget of its own — after a deadline or a signal too, when the run's own token is spent — and
/// protected: an error or an overrun becomes `now: unknown (…)`, never a hang. A second value, a table
/// of strings, names what runs (`{ app_id = …, step_id = … }`) for machines (``RunOutcome/nowFields``).
enum NowLine {
    /// What the recipe said runs now: the text, and the ids it named.
    struct Description: Equatable {
        /// The `now: …` text.
        var text: String
        /// The ids of what runs, by name (string values only).
        var fields: [String: String]
    }

    /// Seconds the registered function may take.
    static let budget: Double = 10

    /// What runs now, or nil when the recipe registered no `describe_now`. Runs on the run's
    /// Lua thread; `box` learns when the epilogue may end, so the stuck-run watchdog waits for it.
    static func describe(_ state: LuaState, context: RunContext, box: OutcomeBox) -> Description? {
        guard let function = context.describeNow else { return nil }
        let original = context.token
        let fresh = CancellationToken()
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + budget)
        timer.setEventHandler { fresh.cancel(.deadline(seconds: budget)) }
        let canceller = state.canceller
        let observer = fresh.onCancel { reason in canceller.cancel(message: "describe_now: \(reason.description)") }
        box.epilogue(until: Date(timeIntervalSinceNow: budget))
        timer.resume()
        context.token = fresh
        state.clearCancellation()
        defer {
            timer.cancel()
            fresh.removeObserver(observer)
            context.token = original
        }
        do {
            let values = try state.call(function)
            let value = values.first ?? .nil
            if value == .nil { return nil }
            let text = value.stringValue ?? GlobalsModule.render(value)
            return Description(text: text, fields: values.count > 1 ? fields(of: values[1]) : [:])
        } catch {
            let problem = FailureText.clean(LuaError.wrap(error).message)
            context.log.log(.warning, "describe_now failed", fields: ["error": problem])
            return Description(text: "unknown (describe_now failed: \(problem))", fields: [:])
        }
    }

    /// The string and number fields of `value` when it is a table (anything else names nothing).
    private static func fields(of value: LuaValue) -> [String: String] {
        guard let table = value.tableValue else { return [:] }
        var fields: [String: String] = [:]
        for key in table.stringKeys {
            switch table[key] {
            case .string, .bytes, .integer, .number: fields[key] = GlobalsModule.render(table[key])
            default: continue
            }
        }
        return fields
    }
}
