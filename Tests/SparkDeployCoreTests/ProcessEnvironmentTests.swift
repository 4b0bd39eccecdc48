import Foundation
import SparkDeployCore
import Testing

@Suite("The process environment from environ")
struct ProcessEnvironmentTests {
    @Test("the same variables as ProcessInfo, values containing '=' and set at run time included")
    func sameAsFoundation() {
        setenv("SPARKDEPLOY_ENV_TEST", "a=b=c", 1)
        setenv("SPARKDEPLOY_ENV_EMPTY", "", 1)
        defer {
            unsetenv("SPARKDEPLOY_ENV_TEST")
            unsetenv("SPARKDEPLOY_ENV_EMPTY")
        }
        let ours = ProcessEnvironment.current()
        #expect(ours["SPARKDEPLOY_ENV_TEST"] == "a=b=c")
        #expect(ours["SPARKDEPLOY_ENV_EMPTY"] == "")
        #expect(ours == ProcessInfo.processInfo.environment)
    }
}
