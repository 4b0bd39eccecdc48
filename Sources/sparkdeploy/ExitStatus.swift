import ArgumentParser
import DeployRuntime

/// The process exit codes, in one place (see `sparkdeploy --help`).
enum ExitStatus {
    /// Exit with the code for `status`.
    static func exit(_ status: RunStatus) -> ExitCode { ExitCode(status.exitCode) }
    /// Usage error: 2.
    static let usage = ExitCode(2)
}
