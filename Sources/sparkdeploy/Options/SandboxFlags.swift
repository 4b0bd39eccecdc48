import ArgumentParser

/// `--sandbox` and its companions, as ArgumentParser declares them: names and help from ``SharedOptions``,
/// defaults from ``SandboxSettings`` (values: ``SandboxSettings``).
struct SandboxFlags: ParsableArguments {
    @Flag(name: SharedOptions.sandbox.names, help: SharedOptions.sandbox.argumentHelp)
    var sandbox = SandboxSettings().sandbox

    @Option(name: SharedOptions.scenario.names, help: SharedOptions.scenario.argumentHelp)
    var scenario: String?

    @Option(name: SharedOptions.sandboxSpeed.names, help: SharedOptions.sandboxSpeed.argumentHelp)
    var sandboxSpeed: Double = SandboxSettings().sandboxSpeed

    @Flag(name: SharedOptions.seed.names, inversion: .prefixedNo, help: SharedOptions.seed.argumentHelp)
    var seed = SandboxSettings().seed

    func validate() throws {
        if let problem = settings.problem { throw ValidationError(problem) }
    }

    /// The parsed values.
    var settings: SandboxSettings {
        SandboxSettings(sandbox: sandbox, scenario: scenario, sandboxSpeed: sandboxSpeed, seed: seed)
    }
}
