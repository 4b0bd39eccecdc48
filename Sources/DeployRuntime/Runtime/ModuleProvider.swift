import LuaHost

/// Supplies host modules (`yarn`, `emr`, …) to a run. `context` is nil when only signatures
/// are needed (`sparkdeploy api`, `check`): bodies must then do nothing.
public protocol ModuleProvider: Sendable {
    /// The modules, with bodies bound to `context`.
    func modules(context: RunContext?) -> [HostModule]
}
