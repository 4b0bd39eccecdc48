import Foundation
import LuaHost
import SparkDeployCore
import Testing

@testable import DeployRuntime

/// Regressions the bridge fuzzer found, each pinned by a focused test.
@Suite("Bridge fuzz regressions", .serialized)
struct FuzzRegressionTests {
    /// Runs `code` sandboxed in a state set up as the CLI does, with a ResourceManager address
    /// that refuses connections (these cases must fail before any request); returns the error message.
    static func errorMessage(_ code: String) -> String {
        LuaThread.runBlocking {
            let log = RunLog(configuration: LogConfiguration(level: .error), sink: { _ in })
            let configuration = RunConfiguration(
                catalog: RecipeCatalog(explicit: NSTemporaryDirectory(), environment: [:]), dryRun: true, log: log,
                environment: ["SPARKDEPLOY_YARN_URL": "http://127.0.0.1:1"], clock: ScaledClock(rate: 10_000),
                providers: BridgeFuzzTests.providers, output: { _ in })
            let context = RecipeRunner.makeContext(configuration, token: configuration.token)
            do {
                let state = try RecipeRunner.prepareState(configuration, context: context)
                try state.run(code, chunkName: "@r.lua", sandboxed: true)
                return "no error"
            } catch {
                return LuaError.wrap(error).message
            }
        }
    }

    @Test(
        "epoch-second filter fields that are NaN, infinite or negative are field errors, not a trap",
        arguments: [
            ("yarn.apps({ started_after = 0/0 })", "yarn.apps", "started_after"),
            ("yarn.find_app({ finished_before = 1/0 })", "yarn.find_app", "finished_before"),
            ("yarn.connect():apps({ started_before = -1/0 })", "rm:apps", "started_before"),
            ("yarn.wait_app('application_1_0001', { submitted_after = 0/0, timeout = 1 })", "yarn.wait_app", "submitted_after"),
            ("yarn.wait_app({ finished_after = -5 }, { timeout = 1 })", "yarn.wait_app", "finished_after"),
        ])
    func epochFields(code: String, function: String, field: String) {
        let message = Self.errorMessage(code)
        #expect(message.contains(function) && message.contains(field) && message.contains("finite number >= 0"), "\(message)")
    }
}
