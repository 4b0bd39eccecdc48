import Dispatch
import SparkDeployCore

/// Runs async work from the Lua thread (or a signal handler's thread) whatever the run's token says,
/// within `seconds`: releasing a lease and closing a journal must happen after a cancellation too,
/// and must not hang an exit.
enum BudgetedCall {
    /// The work's value, or `nil` if it threw or did not finish within `seconds`.
    static func run<T: Sendable>(seconds: Double, _ work: @escaping @Sendable () async throws -> T) -> T? {
        let budget = CancellationToken()
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + seconds)
        timer.setEventHandler { budget.cancel(.other("budget of \(seconds) s spent")) }
        timer.resume()
        defer { timer.cancel() }
        if case .success(let value) = BlockingBridge.run(token: budget, work) { return value }
        return nil
    }
}
