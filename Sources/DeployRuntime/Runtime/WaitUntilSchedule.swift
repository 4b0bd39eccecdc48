import Foundation
import LuaHost
import SparkDeployCore

/// The schedule behind the prelude's `wait_until`: the Lua loop calls the predicate itself (no Swift
/// frame between a recipe callback and its error) and asks `__host.next_poll` how long to sleep — the
/// shared ``WaitSchedule`` on the run clock, so `wait_until` backs off exactly like every other waiter.
enum WaitUntilSchedule {
    /// How much each interval grows (the ``AdaptivePoll`` default).
    static let factor = AdaptivePoll().factor

    /// `__host.next_poll(polls, deadline, interval, max_interval)`: the seconds to sleep after `polls`
    /// polls, or nil once `deadline` (run-clock epoch seconds) has passed.
    static func primitive(_ context: RunContext?) -> HostFunction {
        HostFunction(
            FunctionSpec(
                module: "__host", name: "next_poll",
                params: [
                    ParamSpec("polls", .integer), ParamSpec("deadline", .number),
                    ParamSpec("interval", .number), ParamSpec("max_interval", .number),
                ],
                returns: "number|nil", doc: "")
        ) { call in
            let polls = Int(clamping: try call.integer(1))
            let deadline = try call.number(2)
            let poll = AdaptivePoll(initial: try call.number(3), factor: factor, maximum: try call.number(4))
            let now = context?.clock.now() ?? Date().timeIntervalSince1970
            return [.optional(WaitSchedule.delay(afterPolls: polls, now: now, deadline: deadline, poll: poll))]
        }
    }
}
