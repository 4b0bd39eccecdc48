extension ClusterModel {
    /// Fires app `id`'s transitions at `t` (at most 10, without moving the clock) until it is RUNNING: how the
    /// control plane starts a job as if it had been submitted earlier. Nil once RUNNING; else the
    /// ``SimulatorError`` of `operation` naming the state it ended in instead (`evicted` when it is gone).
    mutating func fastForwardToRunning(_ id: String, at t: Double, for operation: String) -> SimulatorError? {
        var fired = 0
        while let app = apps[id], !app.isTerminal, app.internalState != "RUNNING", fired < 10 {
            fireApp(id, at: t)
            fired += 1
        }
        let state = apps[id]?.internalState
        if state == "RUNNING" { return nil }
        return SimulatorError(operation: operation, reason: "app \(id) ended \(state ?? "evicted") instead of RUNNING")
    }
}
