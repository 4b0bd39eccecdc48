/// Who hears about a wait while it goes on: a task-local callback that every ``Waiter`` poll
/// reports to (the recipe runtime shows it as a live status line and a heartbeat log line).
/// Set it around the call that waits: `WaitObserver.$current.withValue(WaitObserver.Callback(observe)) { … }`.
public enum WaitObserver {
    /// The callback, in a struct rather than as a bare optional function type: Swift 6.3's optimiser
    /// miscompiles `TaskLocal.withValue` of an optional function type (the release binary crashed in
    /// `swift_task_localValuePush` at the first EMR or YARN wait; a debug build did not).
    public struct Callback: Sendable {
        /// What a poll reports to.
        public let report: @Sendable (WaitProgress) -> Void

        /// Wraps `report`.
        public init(_ report: @escaping @Sendable (WaitProgress) -> Void) { self.report = report }

        /// Reports one poll's progress.
        public func callAsFunction(_ progress: WaitProgress) { report(progress) }
    }

    /// The callback for waits in the current task (nil: nobody listens).
    @TaskLocal public static var current: Callback?
}
