import ArgumentParser

/// `--sandbox` and its companions, as ArgumentParser declares them: names and help from ``SharedOptions``,
/// defaults from ``RehearsalSettings`` (values: ``RehearsalSettings``).
struct RehearsalFlags: ParsableArguments {
    @Flag(name: SharedOptions.sandbox.names, help: SharedOptions.sandbox.argumentHelp)
    var sandbox = RehearsalSettings().sandbox

    @Option(name: SharedOptions.scenario.names, help: SharedOptions.scenario.argumentHelp)
    var scenario: String?

    @Option(name: SharedOptions.sandboxSpeed.names, help: SharedOptions.sandboxSpeed.argumentHelp)
    var sandboxSpeed: Double = RehearsalSettings().sandboxSpeed

    @Flag(name: SharedOptions.seed.names, inversion: .prefixedNo, help: SharedOptions.seed.argumentHelp)
    var seed = RehearsalSettings().seed

    func validate() throws {
        if let problem = settings.problem { throw ValidationError(problem) }
    }

    /// The parsed values.
    var settings: RehearsalSettings {
        RehearsalSettings(sandbox: sandbox, scenario: scenario, sandboxSpeed: sandboxSpeed, seed: seed)
    }
}
