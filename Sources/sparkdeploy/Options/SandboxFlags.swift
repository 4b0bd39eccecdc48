import ArgumentParser

/// `--sandbox` and its companions, as ArgumentParser declares them (values: ``SandboxSettings``).
struct SandboxFlags: ParsableArguments {
    @Flag(name: .long, help: "Run against the built-in EMR + YARN simulator (nothing real is touched).")
    var sandbox = false

    @Option(name: .long, help: ArgumentHelp("Simulator scenario: a shipped name or a JSON file (implies --sandbox).", valueName: "name|file"))
    var scenario: String?

    @Option(name: .long, help: ArgumentHelp("Virtual seconds per wall second in the sandbox.", valueName: "rate"))
    var sandboxSpeed: Double = 30

    @Flag(name: .long, inversion: .prefixedNo, help: "Seed the sandbox with the cluster and running app that -p cluster/app name.")
    var seed = true

    func validate() throws {
        if let problem = settings.problem { throw ValidationError(problem) }
    }

    /// The parsed values.
    var settings: SandboxSettings {
        SandboxSettings(sandbox: sandbox, scenario: scenario, sandboxSpeed: sandboxSpeed, seed: seed)
    }
}
