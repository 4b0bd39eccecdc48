import Foundation
import Hummingbird
import SparkDeployCore
import Synchronization

/// The request handlers' shared world: clock, state, and the endpoints it advertises.
final class SimEngine: Sendable {
    let clock: ScaledClock
    let state: Mutex<CoreState>
    let yarnURLs = Mutex<[String]>([])
    let emrURL = Mutex<String>("")

    init(clock: ScaledClock, scenario: Scenario) {
        self.clock = clock
        self.state = Mutex(CoreState(model: ClusterModel(scenario: scenario, now: clock.now())))
    }

    /// Runs `body` on the state after advancing the model and the streaming apps' checkpoints to the clock's now.
    func withState<T: Sendable>(_ body: (inout CoreState, Double) -> T) -> T {
        let now = clock.now()
        return state.withLock { core in
            core.advance(to: now)
            core.fireFailovers(now: now)
            return body(&core, now)
        }
    }

    /// The comma-joined RM URLs stored in the `sparkdeploy:yarn-url` tag.
    var yarnURLTagValue: String { yarnURLs.withLock { $0.joined(separator: ",") } }
}
