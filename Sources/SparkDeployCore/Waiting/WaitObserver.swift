/// Who hears about a wait while it goes on: a task-local callback that every ``Waiter`` poll
/// reports to (the recipe runtime shows it as a live status line and a heartbeat log line).
/// Set it around the call that waits: `WaitObserver.$current.withValue(observe) { … }`.
public enum WaitObserver {
    /// The callback for waits in the current task (nil: nobody listens).
    @TaskLocal public static var current: (@Sendable (WaitProgress) -> Void)?
}
