import DeployModules
import DeployRuntime

/// The host modules the CLI adds to every run (yarn, emr, livy, checkpoint…), beyond the globals.
enum DefaultProviders {
    /// All of them.
    static var all: [any ModuleProvider] { [YARNModuleProvider(), EMRModuleProvider(), LivyModuleProvider(), CheckpointModuleProvider()] }
}
